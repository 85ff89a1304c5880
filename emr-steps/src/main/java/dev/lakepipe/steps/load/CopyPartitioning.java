package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.PgColumn;
import dev.lakepipe.steps.source.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Splits a table into the WHERE conditions of the COPY reader's partitions; every row visible in
 * the snapshot satisfies exactly one of them.
 *
 * <p>A plain table on PostgreSQL 14 or later is split into {@code ctid} block ranges: each
 * partition is a TID range scan over its own piece of the heap, so the partitions together read
 * the table once, whatever the key (or none). The first range is open below, the last open
 * above, so rows in blocks added after the size was read are still read once (they are not
 * visible in the snapshot anyway). {@code numPartitions} (default: Spark's default parallelism)
 * caps the count; each range gets at least {@link #MIN_BLOCKS_PER_RANGE} blocks.
 *
 * <p>Otherwise (older servers scan the whole table for a ctid condition; views, partitioned
 * parents) ranges follow Spark JDBC's semantics on the integer {@code partitionColumn}
 * ({@code lowerBound}, {@code upperBound}, {@code numPartitions}): the first range also takes
 * NULLs and values below the lower bound, the last takes values above the upper bound. Missing
 * bounds are read from the table under the load's snapshot.
 */
final class CopyPartitioning {

    /** 2 MB of 8 kB pages: below that, another connection and task cost about what they save. */
    static final long MIN_BLOCKS_PER_RANGE = 256;

    private static final int TID_RANGE_SCAN_VERSION = 140_000;
    private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4", "int8", "numeric");
    private static final String HEAP_SQL = """
            SELECT c.relkind = 'r' AND current_setting('server_version_num')::int >= ?,
                   pg_relation_size(c.oid) / current_setting('block_size')::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?""";

    private CopyPartitioning() {}

    static List<String> ranges(
            Connection snapshotConnection, PgTable table, JdbcReadOptions options, int defaultPartitions) {
        var partitions = options.numPartitions().orElse(defaultPartitions);
        var blocks = heapBlocks(snapshotConnection, table);
        if (blocks.isPresent()) {
            return blockRanges(blocks.getAsLong(), partitions);
        }
        return columnRanges(snapshotConnection, table, options, partitions);
    }

    /** {@code ctid} ranges over a heap of {@code blocks} pages. */
    static List<String> blockRanges(long blocks, int partitions) {
        int count = (int) Math.max(1, Math.min(partitions, blocks / MIN_BLOCKS_PER_RANGE));
        if (count == 1) {
            return List.of("true");
        }
        long stride = blocks / count;
        var ranges = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            var from = "ctid >= '(" + i * stride + ",0)'";
            var to = "ctid < '(" + (i + 1) * stride + ",0)'";
            if (i == 0) {
                ranges.add(to);
            } else if (i == count - 1) {
                ranges.add(from);
            } else {
                ranges.add(from + " AND " + to);
            }
        }
        return ranges;
    }

    private static OptionalLong heapBlocks(Connection connection, PgTable table) {
        try (var statement = connection.prepareStatement(HEAP_SQL)) {
            statement.setInt(1, TID_RANGE_SCAN_VERSION);
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1) ? OptionalLong.of(rows.getLong(2)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to read the heap size of %s: %s", table.name(), e.getMessage());
        }
    }

    private static List<String> columnRanges(
            Connection snapshotConnection, PgTable table, JdbcReadOptions options, int partitions) {
        var columnName = options.partitionColumn();
        if (columnName.isEmpty()) {
            return List.of("true");
        }
        var column = table.column(columnName.get())
                .orElseThrow(() -> new LakepipeException(
                        "Invalid spark_jdbc_config.partitionColumn for %s: '%s' is not a column of the table",
                        table.name(), columnName.get()));
        if (!INTEGER_TYPES.contains(column.typeName()) || column.scale() > 0) {
            throw new LakepipeException(
                    "Invalid spark_jdbc_config.partitionColumn for %s: '%s' has type %s; "
                            + "the COPY reader splits on an integer column",
                    table.name(), column.name(), column.typeName());
        }
        var lower = options.lowerBound();
        var upper = options.upperBound();
        if (lower.isEmpty() || upper.isEmpty()) {
            var bounds = bounds(snapshotConnection, table, column);
            if (bounds == null) {
                return List.of("true");
            }
            lower = lower.isPresent() ? lower : OptionalLong.of(bounds[0]);
            upper = upper.isPresent() ? upper : OptionalLong.of(bounds[1]);
        }
        return ranges(column.quotedName(), lower.getAsLong(), upper.getAsLong(), partitions);
    }

    static List<String> ranges(String column, long lower, long upper, int partitions) {
        requireNonNull(column, "column is null");
        if (lower > upper) {
            throw new LakepipeException(
                    "Invalid spark_jdbc_config bounds: lowerBound %s is above upperBound %s", lower, upper);
        }
        long span = upper - lower;
        int count = (int) Math.max(1, Math.min(partitions, span == 0 ? 1 : span));
        if (count == 1) {
            return List.of("true");
        }
        long stride = Math.max(1, span / count);
        var ranges = new ArrayList<String>(count);
        long bound = lower;
        for (int i = 0; i < count; i++) {
            long next = bound + stride;
            if (i == 0) {
                ranges.add("(" + column + " < " + next + " OR " + column + " IS NULL)");
            } else if (i == count - 1) {
                ranges.add(column + " >= " + bound);
            } else {
                ranges.add(column + " >= " + bound + " AND " + column + " < " + next);
            }
            bound = next;
        }
        return ranges;
    }

    private static long[] bounds(Connection connection, PgTable table, PgColumn column) {
        var sql = "SELECT min(" + column.quotedName() + ")::bigint, max(" + column.quotedName() + ")::bigint FROM "
                + table.qualifiedName();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            var min = rows.getLong(1);
            return rows.wasNull() ? null : new long[] {min, rows.getLong(2)};
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to read the bounds of %s.%s: %s", table.name(), column.name(), e.getMessage());
        }
    }
}
