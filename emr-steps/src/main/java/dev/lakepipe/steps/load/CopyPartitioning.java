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
 * Splits a table into WHERE ranges on an integer partition column, with Spark JDBC's semantics
 * ({@code partitionColumn}, {@code lowerBound}, {@code upperBound}, {@code numPartitions}): the
 * first range also takes NULLs and values below the lower bound, the last takes values above the
 * upper bound, so every row is read exactly once. Missing bounds are read from the table under the
 * load's snapshot.
 */
final class CopyPartitioning {

    private static final Set<String> INTEGER_TYPES = Set.of("int2", "int4", "int8", "numeric");

    private CopyPartitioning() {}

    static List<String> ranges(Connection snapshotConnection, PgTable table, JdbcReadOptions options, int defaultPartitions) {
        var columnName = options.partitionColumn();
        if (columnName.isEmpty()) {
            return List.of("true");
        }
        var column = table.column(columnName.get()).orElseThrow(() -> new LakepipeException(
                "Invalid spark_jdbc_config.partitionColumn for %s: '%s' is not a column of the table",
                table.name(), columnName.get()));
        if (!INTEGER_TYPES.contains(column.typeName()) || column.scale() > 0) {
            throw new LakepipeException("Invalid spark_jdbc_config.partitionColumn for %s: '%s' has type %s; "
                    + "the COPY reader splits on an integer column", table.name(), column.name(), column.typeName());
        }
        var partitions = options.numPartitions().orElse(defaultPartitions);
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
            throw new LakepipeException("Invalid spark_jdbc_config bounds: lowerBound %s is above upperBound %s", lower, upper);
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
        var sql = "SELECT min(" + column.quotedName() + ")::bigint, max(" + column.quotedName() + ")::bigint FROM " + table.qualifiedName();
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            var min = rows.getLong(1);
            return rows.wasNull() ? null : new long[] {min, rows.getLong(2)};
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to read the bounds of %s.%s: %s", table.name(), column.name(), e.getMessage());
        }
    }
}
