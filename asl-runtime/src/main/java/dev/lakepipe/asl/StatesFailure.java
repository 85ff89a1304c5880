package dev.lakepipe.asl;

import dev.lakepipe.LakepipeException;

/**
 * A state failed with an ASL error name and cause, exactly as Step Functions reports them
 * ({@code {"Error": ..., "Cause": ...}}). Retry and Catch act on these; anything else thrown
 * while a state runs is a bug and ends the execution with States.Runtime.
 */
public class StatesFailure extends LakepipeException {

    private final String error;
    private final String cause;

    public StatesFailure(String error, String cause) {
        super("%s: %s", error, cause);
        this.error = error;
        this.cause = cause;
    }

    public StatesFailure(StatesError error, String cause) {
        this(error.errorName(), cause);
    }

    public static StatesFailure runtime(String format, Object... args) {
        return new StatesFailure(StatesError.RUNTIME, String.format(format, args));
    }

    public static StatesFailure intrinsic(String format, Object... args) {
        return new StatesFailure(StatesError.INTRINSIC_FAILURE, String.format(format, args));
    }

    /** The ASL error name, e.g. {@code States.TaskFailed} or {@code Lambda.Unknown}; null only for a Fail state without Error. */
    public String error() {
        return error;
    }

    /** The cause text; may be null (a Fail state without Cause). */
    public String cause() {
        return cause;
    }
}
