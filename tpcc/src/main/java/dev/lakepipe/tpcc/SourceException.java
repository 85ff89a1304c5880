package dev.lakepipe.tpcc;

import dev.lakepipe.LakepipeException;

/** A failure of the TPC-C source: the embedded server, its setup, the generator or the workload. */
public class SourceException extends LakepipeException {

    public SourceException(String format, Object... args) {
        super(format, args);
    }

    public SourceException(Throwable cause, String format, Object... args) {
        super(cause, format, args);
    }
}
