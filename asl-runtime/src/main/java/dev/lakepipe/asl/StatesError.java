package dev.lakepipe.asl;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error names Step Functions defines. Retry and Catch match on these (and on any custom error
 * name an integration reports, which is why a failure carries the name as a string).
 */
public enum StatesError {
    ALL("States.ALL"),
    TASK_FAILED("States.TaskFailed"),
    TIMEOUT("States.Timeout"),
    HEARTBEAT_TIMEOUT("States.HeartbeatTimeout"),
    RUNTIME("States.Runtime"),
    DATA_LIMIT_EXCEEDED("States.DataLimitExceeded"),
    INTRINSIC_FAILURE("States.IntrinsicFailure"),
    RESULT_PATH_MATCH_FAILURE("States.ResultPathMatchFailure"),
    PARAMETER_PATH_FAILURE("States.ParameterPathFailure"),
    BRANCH_FAILED("States.BranchFailed"),
    NO_CHOICE_MATCHED("States.NoChoiceMatched"),
    EXCEED_TOLERATED_FAILURE_THRESHOLD("States.ExceedToleratedFailureThreshold"),
    PERMISSIONS("States.Permissions"),
    ITEM_READER_FAILED("States.ItemReaderFailed"),
    RESULT_WRITER_FAILED("States.ResultWriterFailed");

    private final String errorName;

    StatesError(String errorName) {
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }

    public static Optional<StatesError> fromName(String name) {
        return Arrays.stream(values())
                .filter(value -> value.errorName.equals(name))
                .findFirst();
    }

    /**
     * Whether a retrier or catcher naming {@code matcher} in its ErrorEquals applies to {@code error}.
     * States.Runtime and States.DataLimitExceeded are terminal: nothing matches them.
     * States.ALL matches the rest; States.TaskFailed matches everything except States.Timeout.
     */
    public static boolean matches(String matcher, String error) {
        if (isTerminal(error)) {
            return false;
        }
        if (matcher.equals(error) || ALL.errorName.equals(matcher)) {
            return true;
        }
        if (HEARTBEAT_TIMEOUT.errorName.equals(matcher)) {
            return TIMEOUT.errorName.equals(error);
        }
        return TASK_FAILED.errorName.equals(matcher) && !TIMEOUT.errorName.equals(error);
    }

    public static boolean isTerminal(String error) {
        return RUNTIME.errorName.equals(error) || DATA_LIMIT_EXCEEDED.errorName.equals(error);
    }

    @Override
    public String toString() {
        return errorName;
    }
}
