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
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgTable;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
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
    private static final String VALUE = "key_value_";
    /** The most differing keys a live verify re-checks by key; more means the apply is far behind. */
    static final int MAX_RECHECKED = 10_000;

    private final SparkSession spark;
    private final DatabaseSecret secret;

    public TableVerifier(SparkSession spark, DatabaseSecret secret) {
        this.spark = requireNonNull(spark, "spark is null");
        this.secret = requireNonNull(secret, "secret is null");
    }

    public TableVerification verify(StepTable table) {
        return compare(
                table,
                compared -> compared.verification(
                        compared.matches()
                                ? List.of()
                                : differingKeys(compared, SAMPLE).stream()
                                        .map(DifferingKey::key)
                                        .sorted()
                                        .toList()));
    }

    /**
     * Verify while the source is live (docs/operations.md, "Verify while the source is live"): the keys that differ
     * are read again, by key, until each is settled ({@link LiveRecheck}); waits at most {@code catchUpWait} each time
     * for the apply to pass a read.
     */
    public LiveVerification verifyLive(StepTable table, Duration catchUpWait) {
        return compare(table, compared -> {
            var keys = compared.matches() ? List.<DifferingKey>of() : differingKeys(compared, MAX_RECHECKED + 1);
            if (keys.size() > MAX_RECHECKED) {
                throw new LakepipeException(
                        "Cannot verify %s live: more than %d keys differ, too many to re-check by key; the apply is"
                                + " far behind or the table differs widely. See 'lakepipe status', or verify without"
                                + " --live while the source is quiet",
                        table.qualifiedName(), MAX_RECHECKED);
            }
            var result = compared.verification(
                    keys.stream().map(DifferingKey::key).sorted().limit(SAMPLE).toList());
            var keysCompared = result.source().rows()
                    + keys.stream().filter(key -> !key.atSource()).count();
            if (keys.isEmpty()) {
                return new LiveVerification(result, keysCompared, 0, List.of(), List.of());
            }
            var lake = new LakeKeys(spark, compared.canonical(), compared.hudi());
            var source = new SourceKeys(
                    secret, compared.canonical().sql(), compared.hudi().recordKeys());
            var settled = new LiveRecheck(table.qualifiedName(), source, lake, catchUpWait).run(keys);
            return new LiveVerification(result, keysCompared, keys.size(), settled.persistent(), settled.unsettled());
        });
    }

    private <T> T compare(StepTable table, Function<Compared, T> then) {
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
            var silver = withoutDeleted(silverRows(hudi.basePath(), table))
                    .select(columnNames.stream()
                            .map(name -> col("`" + name + "`"))
                            .toArray(Column[]::new));
            var silverChecksum = silverChecksum(silver, canonical);
            return then.apply(new Compared(table, hudi, canonical, from, sourceChecksum, silverChecksum, silver));
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to verify %s: %s", table.qualifiedName(), e.getMessage());
        }
    }

    /** One table's checksums on both sides, and what the comparison of its keys needs. */
    private record Compared(
            StepTable table,
            HudiTable hudi,
            CanonicalRow canonical,
            String from,
            TableVerification.Checksum source,
            TableVerification.Checksum silver,
            Dataset<Row> silverRows) {

        boolean matches() {
            return source.equals(silver);
        }

        TableVerification verification(List<String> differingKeys) {
            return new TableVerification(
                    table.qualifiedName(), hudi.database() + "." + hudi.name(), source, silver, differingKeys);
        }
    }

    private Dataset<Row> silverRows(String basePath, StepTable table) {
        try {
            return spark.read().format("hudi").load(basePath);
        } catch (RuntimeException e) {
            throw new LakepipeException(
                    e, "Cannot verify %s: no silver table at %s; run seed_hudi first", table.qualifiedName(), basePath);
        }
    }

    private static Dataset<Row> withoutDeleted(Dataset<Row> rows) {
        if (!List.of(rows.columns()).contains(BronzeSchema.IS_DELETED)) {
            return rows;
        }
        return rows.where(col(BronzeSchema.IS_DELETED)
                .isNull()
                .or(col(BronzeSchema.IS_DELETED).equalTo(false)));
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

    /**
     * Keys whose row hash differs, or that exist on one side only; at most {@code limit}, with the values of their
     * {@link CanonicalSql#indexedKeys} columns for a re-check by key.
     */
    private List<DifferingKey> differingKeys(Compared compared, int limit) {
        var canonical = compared.canonical();
        var keys = compared.hudi().recordKeys();
        var indexed = canonical.sql().indexedKeys(keys);
        var query = new StringBuilder("SELECT " + canonical.sql().postgresKey(keys) + " AS " + KEY + ", "
                + canonical.sql().postgresHash() + " AS " + HASH);
        var lakeColumns = new ArrayList<Column>(
                List.of(canonical.sparkKey(keys).as(KEY), canonical.sparkHash().as(HASH)));
        for (int i = 0; i < indexed.size(); i++) {
            query.append(", ")
                    .append(canonical.sql().postgresText(indexed.get(i)))
                    .append(" AS ")
                    .append(VALUE + i);
            lakeColumns.add(canonical.sparkText(indexed.get(i)).as(VALUE + i));
        }
        var source = spark.read()
                .format("jdbc")
                .option("url", secret.jdbcUrl())
                .option("user", secret.username())
                .option("password", secret.password())
                .option("sessionInitStatement", "SET TIME ZONE 'UTC'")
                .option("query", query + " FROM " + compared.from())
                .load();
        var lake = compared.silverRows().select(lakeColumns.toArray(Column[]::new));
        var selected = new ArrayList<Column>(List.of(
                coalesce(source.col(KEY), lake.col(KEY)), source.col(KEY).isNotNull()));
        for (int i = 0; i < indexed.size(); i++) {
            selected.add(coalesce(source.col(VALUE + i), lake.col(VALUE + i)));
        }
        return source
                .join(lake, source.col(KEY).equalTo(lake.col(KEY)), "full_outer")
                .where(source.col(HASH)
                        .isNull()
                        .or(lake.col(HASH).isNull())
                        .or(source.col(HASH).notEqual(lake.col(HASH))))
                .select(selected.toArray(Column[]::new))
                .limit(limit)
                .collectAsList()
                .stream()
                .map(row -> new DifferingKey(
                        row.getString(0),
                        IntStream.range(0, indexed.size())
                                .mapToObj(i -> row.getString(2 + i))
                                .toList(),
                        row.getBoolean(1)))
                .toList();
    }
}
