package dev.lakepipe;

import static java.lang.String.format;

/** Base of every lakepipe exception: unchecked, one subclass per meaning, message names the culprit and the fix. */
public class LakepipeException extends RuntimeException {

    public LakepipeException(String message) {
        super(message);
    }

    public LakepipeException(String format, Object... args) {
        super(format(format, args));
    }

    public LakepipeException(Throwable cause, String format, Object... args) {
        super(format(format, args), cause);
    }
}
