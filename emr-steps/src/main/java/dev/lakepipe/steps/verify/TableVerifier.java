package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.StepTable;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgTable;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Compares one source table with its silver Hudi table: count and checksum computed in PostgreSQL
 * (one aggregate query) and in Spark (one aggregate over the Hudi snapshot, deleted rows excluded),
 * with the same {@link CanonicalRow}. Tables keyed by all columns compare distinct source rows.
 */
public final class TableVerifier {

    static final int SAMPLE = 10;
    private static final String HASH = "row_hash";
    private static final String KEY = "row_key";

    private final SparkSession spark;
    private final DatabaseSecret secret;

    public TableVerifier(SparkSession spark, DatabaseSecret secret) {
        this.spark = requireNonNull(spark, "spark is null");
        this.secret = requireNonNull(secret, "secret is null");
    }

    public TableVerification verify(StepTable table) {
        try (var connection = DriverManager.getConnection(secret.jdbcUrl(), secret.connectionProperties())) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
            }
            var source = PgTable.describe(connection, table.schema(), table.table());
            var schema = BronzeSchema.of(source);
            var canonical = new CanonicalRow(schema);
            var columnNames =
                    source.columns().stream().map(column -> column.name()).toList();
            var hudi = table.hudiTable(columnNames);
            var from = canonical.sql().postgresRows(table.keyedByAllColumns());
            var sourceChecksum =
                    CanonicalSql.checksum(connection, canonical.sql().postgresChecksumQuery(from));
            var silver = silverRows(hudi.basePath(), columnNames, table);
            var silverChecksum = silverChecksum(silver, canonical);
            var differing = sourceChecksum.equals(silverChecksum)
                    ? List.<String>of()
                    : differingKeys(canonical, from, hudi.recordKeys(), silver);
            return new TableVerification(
                    table.qualifiedName(),
                    hudi.database() + "." + hudi.name(),
                    sourceChecksum,
                    silverChecksum,
                    differing);
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to verify %s: %s", table.qualifiedName(), e.getMessage());
        }
    }

    private Dataset<Row> silverRows(String basePath, List<String> columns, StepTable table) {
        Dataset<Row> rows;
        try {
            rows = spark.read().format("hudi").load(basePath);
        } catch (RuntimeException e) {
            throw new LakepipeException(
                    e, "Cannot verify %s: no silver table at %s; run seed_hudi first", table.qualifiedName(), basePath);
        }
        if (List.of(rows.columns()).contains(BronzeSchema.IS_DELETED)) {
            rows = rows.where(col(BronzeSchema.IS_DELETED)
                    .isNull()
                    .or(col(BronzeSchema.IS_DELETED).equalTo(false)));
        }
        return rows.select(columns.stream().map(name -> col("`" + name + "`")).toArray(Column[]::new));
    }

    private static TableVerification.Checksum silverChecksum(Dataset<Row> silver, CanonicalRow canonical) {
        var row = silver.select(canonical.sparkHash().as(HASH))
                .agg(count(lit(1)), sum(col(HASH).cast(DataTypes.createDecimalType(38, 0))), bit_xor(col(HASH)))
                .first();
        return new TableVerification.Checksum(
                row.getLong(0),
                row.isNullAt(1) ? BigDecimal.ZERO : row.getDecimal(1),
                row.isNullAt(2) ? 0 : row.getLong(2));
    }

    /** Keys whose row hash differs, or that exist on one side only; a sample of at most {@link #SAMPLE}. */
    private List<String> differingKeys(CanonicalRow canonical, String from, List<String> keys, Dataset<Row> silver) {
        var query = "SELECT " + canonical.sql().postgresKey(keys) + " AS " + KEY + ", "
                + canonical.sql().postgresHash() + " AS " + HASH + " FROM " + from;
        var source = spark.read()
                .format("jdbc")
                .option("url", secret.jdbcUrl())
                .option("user", secret.username())
                .option("password", secret.password())
                .option("sessionInitStatement", "SET TIME ZONE 'UTC'")
                .option("query", query)
                .load();
        var lake = silver.select(
                canonical.sparkKey(keys).as(KEY), canonical.sparkHash().as(HASH));
        return source
                .join(lake, source.col(KEY).equalTo(lake.col(KEY)), "full_outer")
                .where(source.col(HASH)
                        .isNull()
                        .or(lake.col(HASH).isNull())
                        .or(source.col(HASH).notEqual(lake.col(HASH))))
                .select(coalesce(source.col(KEY), lake.col(KEY)))
                .limit(SAMPLE)
                .collectAsList()
                .stream()
                .map(row -> row.getString(0))
                .sorted()
                .toList();
    }
}
