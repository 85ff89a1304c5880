package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a workload run did.
 *
 * @param committed committed transactions per type
 * @param rolledBack New-Orders rolled back on purpose (the 1% with an unused item id, clause 2.4.1.4)
 * @param retries transactions re-run after a serialization failure or deadlock
 * @param elapsed wall time of the run
 */
public record WorkloadReport(Map<TransactionType, Long> committed, long rolledBack, long retries, Duration elapsed) {

    public WorkloadReport {
        committed = Map.copyOf(committed);
        requireNonNull(elapsed, "elapsed is null");
    }

    public long committed(TransactionType type) {
        return committed.getOrDefault(type, 0L);
    }

    public long totalCommitted() {
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Committed transactions per second. */
    public double throughput() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return totalCommitted() / seconds;
    }

    /** Counts in the mix order, for printing. */
    public Map<TransactionType, Long> committedInMixOrder() {
        var ordered = new EnumMap<TransactionType, Long>(TransactionType.class);
        for (var type : TransactionType.values()) {
            ordered.put(type, committed(type));
        }
        return ordered;
    }
}
