package dev.lakepipe.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an apply step publishes for one table after each cycle (docs/operations.md, "Lag and alarms"): how far the
 * table is behind the source and behind what CDC captured, the change files waiting, and the replication slot's
 * retained WAL where the step could read it. Each figure goes out twice: with the dimensions {@code Identifier} and
 * {@code Table}, and with {@code Identifier} alone, the series the stack's alarms watch (CloudWatch does not aggregate
 * across dimensions, and the stack does not know the tables).
 *
 * @param freshnessSeconds from the source commit of the newest applied change to {@code at}; empty before the first
 *     change
 * @param secondsBehindCapture from the newest applied change's commit to the newest captured change's commit; 0 when
 *     no change file is pending, empty when pending files hold no commit time the step could read
 */
public record TableLag(
        String identifier,
        String table,
        Instant at,
        Optional<Double> freshnessSeconds,
        Optional<Double> secondsBehindCapture,
        long pendingFiles,
        long pendingBytes,
        Optional<Long> slotRetainedWalBytes) {

    public static final String IDENTIFIER = "Identifier";
    public static final String TABLE = "Table";
    public static final String FRESHNESS = "FreshnessSeconds";
    public static final String BEHIND_CAPTURE = "SecondsBehindCapture";
    public static final String PENDING_FILES = "PendingChangeFiles";
    public static final String PENDING_BYTES = "PendingChangeBytes";
    public static final String SLOT_RETAINED_WAL = "ReplicationSlotRetainedWalBytes";

    public TableLag {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(table, "table is null");
        requireNonNull(at, "at is null");
        requireNonNull(freshnessSeconds, "freshnessSeconds is null");
        requireNonNull(secondsBehindCapture, "secondsBehindCapture is null");
        requireNonNull(slotRetainedWalBytes, "slotRetainedWalBytes is null");
    }

    /** The figures of one table at {@code at}, from the commit times of the newest applied and captured changes. */
    public static TableLag of(
            String identifier,
            String table,
            Instant at,
            Optional<Instant> newestApplied,
            Optional<Instant> newestCaptured,
            long pendingFiles,
            long pendingBytes,
            Optional<Long> slotRetainedWalBytes) {
        Optional<Double> behindCapture = pendingFiles == 0
                ? Optional.of(0.0)
                : newestCaptured.flatMap(captured -> newestApplied.map(applied -> seconds(applied, captured)));
        return new TableLag(
                identifier,
                table,
                at,
                newestApplied.map(applied -> seconds(applied, at)),
                behindCapture,
                pendingFiles,
                pendingBytes,
                slotRetainedWalBytes);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    /** The data points: each figure per table and per identifier. */
    public List<MetricDatum> data() {
        var data = new ArrayList<MetricDatum>();
        for (var dimensions : List.of(
                List.of(new Dimension(IDENTIFIER, identifier), new Dimension(TABLE, table)),
                List.of(new Dimension(IDENTIFIER, identifier)))) {
            freshnessSeconds.ifPresent(value -> data.add(datum(FRESHNESS, dimensions, value, MetricUnit.SECONDS)));
            secondsBehindCapture.ifPresent(
                    value -> data.add(datum(BEHIND_CAPTURE, dimensions, value, MetricUnit.SECONDS)));
            data.add(datum(PENDING_FILES, dimensions, pendingFiles, MetricUnit.COUNT));
            data.add(datum(PENDING_BYTES, dimensions, pendingBytes, MetricUnit.BYTES));
            slotRetainedWalBytes.ifPresent(
                    value -> data.add(datum(SLOT_RETAINED_WAL, dimensions, value, MetricUnit.BYTES)));
        }
        return data;
    }

    private MetricDatum datum(String name, List<Dimension> dimensions, double value, MetricUnit unit) {
        return new MetricDatum(name, dimensions, value, unit, at);
    }

    /**
     * The newest figures of each table in {@code published} (lakepipe's namespace, per-table series), by identifier
     * and table.
     */
    public static List<TableLag> latest(List<LocalMetricsFile.Published> published) {
        var byTable = new LinkedHashMap<List<String>, Map<String, MetricDatum>>();
        published.stream()
                .filter(point -> point.namespace().equals(MetricsPublisher.NAMESPACE))
                .map(LocalMetricsFile.Published::datum)
                .filter(datum -> datum.dimension(TABLE).isPresent())
                .sorted(Comparator.comparing(MetricDatum::timestamp))
                .forEach(datum -> byTable.computeIfAbsent(
                                List.of(
                                        datum.dimension(IDENTIFIER).orElse(""),
                                        datum.dimension(TABLE).orElseThrow()),
                                key -> new LinkedHashMap<>())
                        .put(datum.name(), datum));
        return byTable.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1))))
                .map(entry -> fromData(entry.getKey().get(0), entry.getKey().get(1), entry.getValue()))
                .toList();
    }

    /** One table's figures from its newest data point of each metric; a figure older than the newest publish is dropped. */
    private static TableLag fromData(String identifier, String table, Map<String, MetricDatum> newest) {
        var at = newest.values().stream()
                .map(MetricDatum::timestamp)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Function<String, Optional<Double>> value = name -> Optional.ofNullable(newest.get(name))
                .filter(datum -> datum.timestamp().equals(at))
                .map(MetricDatum::value);
        return new TableLag(
                identifier,
                table,
                at,
                value.apply(FRESHNESS),
                value.apply(BEHIND_CAPTURE),
                value.apply(PENDING_FILES).map(Double::longValue).orElse(0L),
                value.apply(PENDING_BYTES).map(Double::longValue).orElse(0L),
                value.apply(SLOT_RETAINED_WAL).map(Double::longValue));
    }
}
