package dev.lakepipe;

/**
 * Base of every lakepipe exception: unchecked, categorised by subclass, message built from a
 * format string, cause always kept.
 */
public class LakepipeException extends RuntimeException {

    public LakepipeException(String format, Object... args) {
        super(args.length == 0 ? format : String.format(format, args));
    }

    public LakepipeException(Throwable cause, String format, Object... args) {
        super(args.length == 0 ? format : String.format(format, args), cause);
    }
}
