package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** What the generator wrote: rows per table and how long it took. */
public record GenerationReport(int warehouses, Map<TpccTable, Long> rows, Duration duration) {

    public GenerationReport {
        rows = Map.copyOf(rows);
        requireNonNull(duration, "duration is null");
    }

    public long rows(TpccTable table) {
        return rows.getOrDefault(table, 0L);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows in table order, for printing. */
    public Map<TpccTable, Long> rowsInTableOrder() {
        return new EnumMap<>(rows);
    }
}
