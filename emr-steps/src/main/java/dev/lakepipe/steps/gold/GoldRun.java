package dev.lakepipe.steps.gold;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of a denormalizing gold step did.
 *
 * @param mode full (with the reason) or incremental
 * @param changedRows silver rows read: the changed rows of every source (incremental), or the fact rows (full)
 * @param recomputedRows gold rows recomputed by joining (the affected keys that still have a fact row)
 * @param deletedRows gold rows deleted because their fact row was deleted in silver
 * @param goldRows the gold table's rows after the run (counted for the report, after {@code duration} was taken)
 * @param instants per silver table, the commit the gold table now reflects
 */
public record GoldRun(
        String table,
        Mode mode,
        String reason,
        long changedRows,
        long recomputedRows,
        long deletedRows,
        long goldRows,
        Map<String, String> instants,
        Duration duration) {

    public enum Mode {
        FULL,
        INCREMENTAL
    }

    public GoldRun {
        requireNonNull(table, "table is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(reason, "reason is null");
        instants = Map.copyOf(instants);
        requireNonNull(duration, "duration is null");
    }

    /** The step's report line (the demo and the docs show it). */
    public String summary() {
        return String.format(
                "%s %s (%s): %d changed silver rows read, %d gold rows recomputed, %d deleted in %.1f s; %d rows",
                table,
                mode.name().toLowerCase(Locale.ROOT),
                reason,
                changedRows,
                recomputedRows,
                deletedRows,
                duration.toMillis() / 1000.0,
                goldRows);
    }
}
