package dev.lakepipe;

/** Base of lakepipe's unchecked exceptions; subclasses say what went wrong by their type. */
public class LakepipeException extends RuntimeException {

    public LakepipeException(String format, Object... args) {
        super(args.length == 0 ? format : format.formatted(args));
    }

    public LakepipeException(Throwable cause, String format, Object... args) {
        super(args.length == 0 ? format : format.formatted(args), cause);
    }
}
