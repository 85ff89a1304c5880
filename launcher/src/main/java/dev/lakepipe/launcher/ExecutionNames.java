package dev.lakepipe.launcher;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Execution names are {@code <identifier>-<pipeline>-<yyyyMMddHHmmss>} (UTC): deterministic, so two
 * launches of one pipeline in the same second collide (Step Functions refuses the second), and
 * readable, so the concurrency check finds the pipeline of a running execution from its name.
 */
public final class ExecutionNames {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern SUFFIX = Pattern.compile("-\\d{14}$");
    /** Step Functions' limit on execution names. */
    static final int MAX_LENGTH = 80;

    private ExecutionNames() {}

    public static String name(String identifier, String pipeline, Instant startedAt) {
        String name = identifier + "-" + pipeline + "-" + STAMP.format(startedAt);
        if (name.length() > MAX_LENGTH) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.INVALID_CONFIG,
                    "Invalid execution name: %s is longer than %d characters; shorten the identifier or the pipeline name",
                    name,
                    MAX_LENGTH);
        }
        return name;
    }

    /** The pipeline of an execution of {@code identifier}, or empty when the name belongs to another identifier. */
    public static Optional<String> pipelineOf(String identifier, String executionName) {
        String prefix = identifier + "-";
        var suffix = SUFFIX.matcher(executionName);
        if (!executionName.startsWith(prefix) || !suffix.find() || suffix.start() <= prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(executionName.substring(prefix.length(), suffix.start()));
    }
}
