package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.StepTable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments of {@code HudiApplyStep}, parsed once; {@code --table} repeats for a step group. Defaults: {@code --min-sync-interval-seconds 60},
 * {@code --max-files-per-batch 200}, {@code --status-dir <logs bucket>/cdc/<identifier>} where the logs bucket
 * is the bronze bucket's sibling {@code <prefix>-logs} (no status file when the bronze bucket is not named
 * {@code <prefix>-bronze} and no {@code --status-dir} is given).
 *
 * @param stopAt continuous mode: when to stop gracefully ({@code --stop-at}, ISO-8601), so the step ends before its
 *     execution's timeout and the execution can hand over to a fresh one; required in continuous mode
 */
public record ApplyStepOptions(
        String config,
        List<String> tables,
        boolean continuous,
        Duration minSyncInterval,
        int maxFilesPerBatch,
        Optional<String> statusDir,
        Optional<Instant> stopAt) {

    static final int DEFAULT_MIN_SYNC_INTERVAL_SECONDS = 60;
    static final int DEFAULT_MAX_FILES_PER_BATCH = 200;
    private static final Set<String> NAMES = Set.of(
            "config", "table", "mode", "min-sync-interval-seconds", "max-files-per-batch", "status-dir", "stop-at");
    private static final String BRONZE_SUFFIX = "-bronze";

    public ApplyStepOptions {
        requireNonNull(config, "config is null");
        tables = List.copyOf(tables);
        requireNonNull(minSyncInterval, "minSyncInterval is null");
        requireNonNull(statusDir, "statusDir is null");
        requireNonNull(stopAt, "stopAt is null");
    }

    public static ApplyStepOptions from(StepArgs args) {
        for (var name : args.values().keySet()) {
            if (!NAMES.contains(name)) {
                throw new StepArgs.UsageException(
                        "Invalid %s arguments: unknown option --%s; expected one of --%s",
                        args.step(),
                        name,
                        String.join(", --", NAMES.stream().sorted().toList()));
            }
        }
        var mode = args.required("mode");
        if (!mode.equals("incremental") && !mode.equals("continuous")) {
            throw new StepArgs.UsageException(
                    "Invalid %s arguments: --mode %s; expected incremental or continuous", args.step(), mode);
        }
        var continuous = mode.equals("continuous");
        var stopAt = args.optional("stop-at").map(value -> instant(args, value));
        if (continuous && stopAt.isEmpty()) {
            throw new StepArgs.UsageException(
                    "Invalid %s arguments: --stop-at is required in continuous mode: the step must stop"
                            + " before its execution's timeout (the planner sets it)",
                    args.step());
        }
        if (!continuous && stopAt.isPresent()) {
            throw new StepArgs.UsageException(
                    "Invalid %s arguments: --stop-at applies to continuous mode only", args.step());
        }
        return new ApplyStepOptions(
                args.required("config"),
                args.all("table"),
                continuous,
                Duration.ofSeconds(positive(args, "min-sync-interval-seconds", DEFAULT_MIN_SYNC_INTERVAL_SECONDS, 0)),
                positive(args, "max-files-per-batch", DEFAULT_MAX_FILES_PER_BATCH, 1),
                args.optional("status-dir"),
                stopAt);
    }

    private static Instant instant(StepArgs args, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new StepArgs.UsageException(
                    "Invalid %s arguments: --stop-at %s; expected an ISO-8601 instant such as 2026-11-23T12:00:00Z",
                    args.step(), value);
        }
    }

    /** The status folder: {@code --status-dir}, else the logs bucket next to the bronze bucket. */
    public Optional<String> statusDir(StepTable table) {
        if (statusDir.isPresent()) {
            return statusDir;
        }
        var bronze = table.environment().bronze().replaceAll("/+$", "");
        if (!bronze.endsWith(BRONZE_SUFFIX)) {
            return Optional.empty();
        }
        var logs = bronze.substring(0, bronze.length() - BRONZE_SUFFIX.length()) + "-logs";
        return Optional.of(logs + "/cdc/" + table.database().identifier());
    }

    private static int positive(StepArgs args, String name, int defaultValue, int minimum) {
        var value = args.optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            var parsed = Integer.parseInt(value.get());
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StepArgs.UsageException(
                "Invalid %s arguments: --%s %s; expected an integer >= %d", args.step(), name, value.get(), minimum);
    }
}
