package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs apply cycles for one table, once ({@link #runOnce}) or until stopped ({@link #run}): each cycle applies every pending file (checking the stop
 * request between batches), logs the lag, rewrites the status file and publishes the table's metrics, then waits until at least
 * {@code minSyncInterval} has passed since the cycle started. A stop request never interrupts a batch.
 */
public final class ContinuousApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ContinuousApplier.class);

    private final TableApplier applier;
    private final Optional<StatusWriter> status;
    private final Optional<ApplyMetrics> metrics;
    private final Duration minSyncInterval;
    private final Clock clock;

    public ContinuousApplier(
            TableApplier applier,
            Optional<StatusWriter> status,
            Optional<ApplyMetrics> metrics,
            Duration minSyncInterval,
            Clock clock) {
        this.applier = requireNonNull(applier, "applier is null");
        this.status = requireNonNull(status, "status is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.minSyncInterval = requireNonNull(minSyncInterval, "minSyncInterval is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs cycles until a stop is requested or {@code stopAt} has come (between batches: a batch always commits), so the step
     * ends before its execution's timeout. Returns the number of cycles run.
     */
    public long run(ApplyTable table, StopSignal stop, Instant stopAt) {
        BooleanSupplier stopping = () -> stop.isRequested() || !clock.instant().isBefore(stopAt);
        long cycle = 0;
        CycleResult last = null;
        while (!stopping.getAsBoolean()) {
            var started = clock.instant();
            cycle++;
            last = applier.applyPending(table, stopping);
            report(table, last, ApplyStatus.of(last, "continuous", "running", cycle, clock.instant()));
            var now = clock.instant();
            var untilNextCycle = minSyncInterval.minus(Duration.between(started, now));
            var untilStop = Duration.between(now, stopAt);
            stop.awaitFor(untilStop.compareTo(untilNextCycle) < 0 ? untilStop : untilNextCycle);
        }
        if (!stop.isRequested()) {
            LOG.info("Reached --stop-at {}: stopping so that the execution ends and hands over to a fresh one", stopAt);
        }
        if (last != null) {
            report(table, last, ApplyStatus.of(last, "continuous", "stopped", cycle, clock.instant()));
        }
        LOG.info("Stopped applying changes to {} after {} cycles", table.table(), cycle);
        return cycle;
    }

    /** Incremental mode: one cycle (every pending file), then the status with state {@code done}. */
    public CycleResult runOnce(ApplyTable table, StopSignal stop) {
        var result = applier.applyPending(table, stop::isRequested);
        report(table, result, ApplyStatus.of(result, "incremental", "done", 1, clock.instant()));
        return result;
    }

    private void report(ApplyTable table, CycleResult result, ApplyStatus current) {
        LOG.info(
                "{} cycle {}: applied {} files ({} changes), {} pending, lag {} s",
                current.table(),
                current.cycle(),
                current.filesAppliedLastCycle(),
                current.changesAppliedLastCycle(),
                current.pendingFiles(),
                current.lagSeconds().map(lag -> String.format("%.1f", lag)).orElse("n/a"));
        status.ifPresent(writer -> writer.write(current));
        metrics.ifPresent(publisher -> publish(publisher, table, result, current.updatedAt()));
    }

    /**
     * A metrics service that fails (CloudWatch unreachable or refusing) does not fail a step whose changes are committed:
     * it is logged at WARN and the next cycle publishes again. A request CloudWatch would refuse is a defect and fails.
     */
    private static void publish(ApplyMetrics publisher, ApplyTable table, CycleResult result, Instant at) {
        try {
            publisher.publish(table, result, at);
        } catch (LakepipeException e) {
            LOG.warn(
                    "Failed to publish the lag metrics of {}: {}; the changes are committed",
                    table.table(),
                    e.getMessage(),
                    e);
        }
    }
}
