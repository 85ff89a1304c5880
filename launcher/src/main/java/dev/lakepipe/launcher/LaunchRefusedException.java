package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.List;

/** The launcher would not start the pipeline; the message names the culprit and the fix. */
public class LaunchRefusedException extends LakepipeException {

    /** Why a launch was refused. */
    public enum Reason {
        INVALID_CONFIG,
        UNKNOWN_PIPELINE,
        UNKNOWN_TABLE,
        NOTHING_TO_RUN,
        CONCURRENT_EXECUTION
    }

    private final Reason reason;
    private final List<String> problems;

    public LaunchRefusedException(Reason reason, String format, Object... args) {
        this(reason, List.of(), format, args);
    }

    /** A refusal for invalid configs, carrying every problem found. */
    public LaunchRefusedException(Reason reason, List<String> problems, String format, Object... args) {
        super(format, args);
        this.reason = requireNonNull(reason, "reason is null");
        this.problems = List.copyOf(problems);
    }

    /** Every config problem (INVALID_CONFIG), each naming the item, the field and the fix; else empty. */
    public List<String> problems() {
        return problems;
    }

    public Reason reason() {
        return reason;
    }
}
