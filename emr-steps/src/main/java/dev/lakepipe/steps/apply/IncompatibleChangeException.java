package dev.lakepipe.steps.apply;

import dev.lakepipe.LakepipeException;

/**
 * The change files of a table cannot be applied without losing or corrupting data (type narrowing, a dropped
 * key column, conflicting file schemas). The table stops; no file is marked applied, so nothing is lost.
 */
public class IncompatibleChangeException extends LakepipeException {

    public IncompatibleChangeException(String format, Object... args) {
        super(format, args);
    }

    public IncompatibleChangeException(Throwable cause, String format, Object... args) {
        super(cause, format, args);
    }
}
