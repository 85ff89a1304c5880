package dev.lakepipe.source;

import dev.lakepipe.LakepipeException;

/** A failure of the local source: the embedded server, its setup, or what runs on it (the TPC-C generator, the workload). */
public class SourceException extends LakepipeException {

    public SourceException(String format, Object... args) {
        super(format, args);
    }

    public SourceException(Throwable cause, String format, Object... args) {
        super(cause, format, args);
    }
}
