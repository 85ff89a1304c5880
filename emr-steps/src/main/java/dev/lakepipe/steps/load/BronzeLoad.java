package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.SourceProtection;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.StepTable;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgTable;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jdbc_load for one table: export a snapshot, fix the handoff {@code trx_seq}, read every partition
 * under that snapshot (COPY straight into parquet, or Spark JDBC as the fallback), and record the
 * handoff next to the files ({@code _lakepipe_handoff.json}; names starting with {@code _} are
 * skipped by Spark and Hudi readers).
 */
public final class BronzeLoad {

    /** Spark conf keys ({@code --conf} from the table's spark_conf.jdbc_load). */
    public static final String MARGIN_CONF = "spark.lakepipe.handoff.marginSeconds";

    public static final String MAX_WAIT_CONF = "spark.lakepipe.handoff.maxWaitSeconds";
    public static final String READER_CONF = "spark.lakepipe.jdbcLoad.reader";
    public static final String HANDOFF_FILE = "_lakepipe_handoff.json";

    private static final Logger LOG = LoggerFactory.getLogger(BronzeLoad.class);

    private final SparkSession spark;
    private final SecretStore secrets;

    public BronzeLoad(SparkSession spark, SecretStore secrets) {
        this.spark = requireNonNull(spark, "spark is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    public LoadResult load(StepTable table) {
        var started = System.nanoTime();
        var secret = secrets.databaseSecret(table.database().secret());
        var options = new JdbcReadOptions(table.step().sparkJdbcConfig());
        var path = table.bronzeFullLoadPath(secret.dbname());
        var conf = spark.conf();
        try (var snapshot = SourceSnapshot.export(secret)) {
            var source = PgTable.describe(snapshot.connection(), table.schema(), table.table());
            requireProtected(table, snapshot);
            var schema = BronzeSchema.of(source);
            var bound = snapshot.handoff(
                    secret,
                    Duration.ofSeconds(Long.parseLong(conf.get(MARGIN_CONF, "60"))),
                    Duration.ofSeconds(Long.parseLong(conf.get(MAX_WAIT_CONF, "600"))));
            var trxSeq = new ChangeSequence(bound, 0).toString();
            var fallback = options.fallbackReason(table.qualifiedName());
            if (conf.get(READER_CONF, "copy").equals("jdbc") && fallback.isEmpty()) {
                fallback = Optional.of(READER_CONF + "=jdbc");
            }
            var written = fallback.isPresent()
                    ? writeWithSparkJdbc(table, fallback.get(), secret, snapshot, schema, trxSeq, options, path)
                    : writeWithCopy(table, secret, snapshot, source, schema, trxSeq, options, path);
            var result = new LoadResult(
                    table.qualifiedName(),
                    path,
                    written.rows(),
                    trxSeq,
                    snapshot.pgSnapshot(),
                    written.reader(),
                    written.partitions(),
                    Duration.ofNanos(System.nanoTime() - started));
            writeHandoff(result, bound.toString());
            return result;
        }
    }

    /**
     * A table whose TRUNCATE or unchanged TOAST values would not reach the lake is refused before anything is written:
     * loading it would start a lake that can silently differ from the source.
     */
    private static void requireProtected(StepTable table, SourceSnapshot snapshot) {
        var gaps = SourceProtection.gaps(snapshot.connection(), table.schema(), table.table());
        if (!gaps.isEmpty()) {
            throw new LakepipeException(
                    "Cannot load %s: %s. Nothing was written; protect the table and run jdbc_load again: %s"
                            + " (docs/operations.md, \"Events that silently diverge the lake\")",
                    table.qualifiedName(),
                    String.join("; ", gaps),
                    SourceProtection.fix(table.schema(), table.table()));
        }
    }

    /** Each partition's file reports its row count: no second job over the table. */
    private Written writeWithCopy(
            StepTable table,
            DatabaseSecret secret,
            SourceSnapshot snapshot,
            PgTable source,
            BronzeSchema schema,
            String trxSeq,
            JdbcReadOptions options,
            String path) {
        var ranges = CopyPartitioning.ranges(
                snapshot.connection(), source, options, spark.sparkContext().defaultParallelism());
        LOG.info("jdbc_load {}: COPY reader, {} partition(s): {}", table.qualifiedName(), ranges.size(), ranges);
        var settings = BronzeParquetSettings.of(spark);
        var plain =
                DictionaryColumns.plain(snapshot.connection(), source, ranges.size(), settings.dictionaryPageBytes());
        LOG.info(
                "jdbc_load {}: no dictionary encoding for {}",
                table.qualifiedName(),
                plain.isEmpty() ? "any column" : plain);
        var files = new CopyLoad(spark)
                .write(secret, snapshot.snapshotId(), schema, trxSeq, ranges, settings.withPlainColumns(plain), path);
        return new Written(
                "copy",
                ranges.size(),
                files.stream().mapToLong(CopyPartitionWriter.WrittenFile::rows).sum());
    }

    private Written writeWithSparkJdbc(
            StepTable table,
            String reason,
            DatabaseSecret secret,
            SourceSnapshot snapshot,
            BronzeSchema schema,
            String trxSeq,
            JdbcReadOptions options,
            String path) {
        LOG.info("jdbc_load {}: Spark JDBC reader because {}", table.qualifiedName(), reason);
        var rows = JdbcFallbackReader.read(spark, secret, snapshot.snapshotId(), schema, trxSeq, options.options());
        rows.write().mode(SaveMode.Overwrite).parquet(path);
        return new Written(
                "spark-jdbc",
                rows.rdd().getNumPartitions(),
                spark.read().parquet(path).count());
    }

    private record Written(String reader, int partitions, long rows) {}

    private void writeHandoff(LoadResult result, String bound) {
        var record = new LinkedHashMap<String, Object>();
        record.put("table", result.table());
        record.put("trx_seq", result.trxSeq());
        record.put("handoff_bound", bound);
        record.put("snapshot", result.pgSnapshot());
        record.put("rows", result.rows());
        record.put("reader", result.reader());
        record.put("partitions", result.partitions());
        var file = new Path(result.path(), HANDOFF_FILE);
        try (var out =
                file.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(file, true)) {
            out.write(Json.MAPPER.writeValueAsString(record).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write %s", file);
        }
    }

    /** What one table's load produced; {@code partitions} is the number of parallel reads. */
    public record LoadResult(
            String table,
            String path,
            long rows,
            String trxSeq,
            String pgSnapshot,
            String reader,
            int partitions,
            Duration duration) {}
}
