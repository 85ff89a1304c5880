package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.StepTable;
import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.apply.ReloadCheckpoint;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.CommitSync;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.load.BronzeLoad;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * seed_hudi for one table: bulk_insert the bronze full load into a fresh silver Hudi table with
 * {@link HudiWriteOptions}, then register it (local catalog entry here; Hive sync to Glue on EMR). Onto an existing
 * table (a reload) it writes {@code insert_overwrite_table} instead: one replace commit that swaps every row, carrying
 * the new handoff and the apply checkpoint to resume from (docs/operations.md, "Reloading one table").
 */
public final class SeedHudi {

    /**
     * Commit metadata key of the seed commit: the full load's handoff {@code trx_seq}, the position from which the
     * silver table follows the source (a truncation marker after it means the table must be reloaded).
     */
    public static final String SEED_SEQ_METADATA_KEY = "_lakepipe.seed.trx_seq";

    private final SparkSession spark;
    private final SecretStore secrets;

    public SeedHudi(SparkSession spark, SecretStore secrets) {
        this.spark = requireNonNull(spark, "spark is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    public SeedResult seed(StepTable table) {
        var started = System.nanoTime();
        var sourceDatabase = secrets.databaseSecret(table.database().secret()).dbname();
        var bronzePath = table.bronzeFullLoadPath(sourceDatabase);
        Dataset<Row> rows;
        try {
            rows = spark.read().parquet(bronzePath);
        } catch (RuntimeException e) {
            throw new LakepipeException(
                    e,
                    "Cannot seed %s: no full load at %s; run jdbc_load for the table first",
                    table.qualifiedName(),
                    bronzePath);
        }
        var sourceColumns = Arrays.stream(rows.columns())
                .filter(name -> !name.equals(BronzeSchema.OP)
                        && !name.equals(BronzeSchema.TRX_SEQ)
                        && !name.equals(BronzeSchema.IS_DELETED))
                .toList();
        var hudiTable = table.hudiTable(sourceColumns);
        if (table.keyedByAllColumns()) {
            // Rows equal in every column are one record (docs/configs.md); bulk_insert would keep both.
            rows = rows.dropDuplicates(sourceColumns.toArray(String[]::new));
        }
        rows = SilverRows.conform(new TransformerSql(table.step().hudiConfig().transformerSql())
                .apply(spark, rows, table.qualifiedName()));
        var catalog = LocalCatalog.forLocation(table.environment().catalog());
        var sync = CommitSync.of(catalog);
        var options = sync.writeOptions(hudiTable);
        var seedRows = rows;
        var handoff = handoffSeq(bronzePath);
        var reload = exists(hudiTable);
        if (reload) {
            var metadata = reloadMetadata(table, hudiTable, bronzePath, handoff);
            TableLock.write(
                    hudiTable,
                    () -> seedRows.write()
                            .format("hudi")
                            .options(options.insertOverwriteTable(
                                    Math.max(1, seedRows.rdd().getNumPartitions())))
                            .options(options.syncPushdown(seedRows.schema()))
                            .options(metadata)
                            .mode(SaveMode.Append)
                            .save(hudiTable.basePath()));
        } else {
            var seedSeq = handoff.map(seq -> Map.of(SEED_SEQ_METADATA_KEY, seq)).orElse(Map.of());
            TableLock.write(
                    hudiTable,
                    () -> seedRows.write()
                            .format("hudi")
                            .options(options.bulkInsert(
                                    Math.max(1, seedRows.rdd().getNumPartitions()), seedRows.schema()))
                            .options(options.syncPushdown(seedRows.schema()))
                            .options(seedSeq)
                            .mode(SaveMode.Overwrite)
                            .save(hudiTable.basePath()));
        }
        catalog.ifPresent(local -> local.put(entry(table, hudiTable, table.changeFolder(sourceDatabase))));
        sync.afterCommit(spark, hudiTable);
        var count = spark.read().format("hudi").load(hudiTable.basePath()).count();
        return new SeedResult(
                table.qualifiedName(),
                hudiTable.database() + "." + hudiTable.name(),
                hudiTable.basePath(),
                count,
                reload,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private boolean exists(HudiTable hudiTable) {
        var properties = new Path(hudiTable.basePath(), ".hoodie/hoodie.properties");
        try {
            return properties
                    .getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .exists(properties);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to check whether silver table %s exists", hudiTable.basePath());
        }
    }

    /**
     * The reload commit's metadata: the new handoff, and the apply checkpoint to resume from
     * ({@link ReloadCheckpoint}); without a handoff record the changes the table already holds cannot be placed
     * against the new rows, so the reload is refused before anything is written.
     */
    private Map<String, String> reloadMetadata(
            StepTable table, HudiTable hudiTable, String bronzePath, Optional<String> handoff) {
        var seq = handoff.orElseThrow(() -> new LakepipeException(
                "Cannot reload %s: the full load at %s has no handoff record %s, so the changes silver table %s"
                        + " already holds cannot be placed against it; nothing was written. Run jdbc_load for the table"
                        + " again (it writes the record after its last file), then seed_hudi",
                table.qualifiedName(), bronzePath, BronzeLoad.HANDOFF_FILE, hudiTable.basePath()));
        var metadata = new LinkedHashMap<String, String>();
        metadata.put(SEED_SEQ_METADATA_KEY, seq);
        var checkpoints = new CheckpointStore(spark.sparkContext().hadoopConfiguration());
        ReloadCheckpoint.resumeFrom(checkpoints.readAll(hudiTable.basePath()), seq)
                .ifPresent(checkpoint -> metadata.put(ApplyCheckpoint.COMMIT_METADATA_KEY, checkpoint.toJson()));
        return metadata;
    }

    /** The {@code trx_seq} of jdbc_load's handoff record, when the full load has one. */
    private Optional<String> handoffSeq(String bronzePath) {
        var file = new Path(bronzePath, BronzeLoad.HANDOFF_FILE);
        try {
            var fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (var in = fs.open(file)) {
                return Optional.ofNullable(
                        Json.MAPPER.readTree(in).path("trx_seq").asText(null));
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read the handoff record %s", file);
        }
    }

    private static CatalogEntry entry(StepTable table, HudiTable hudi, String changeFolder) {
        return CatalogEntry.of(hudi, table.qualifiedName(), changeFolder, Instant.now());
    }

    /** What one table's seed produced; {@code reload}: an existing table was replaced in one commit. */
    public record SeedResult(
            String table, String target, String location, long rows, boolean reload, Duration duration) {}
}
