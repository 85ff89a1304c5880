package dev.lakepipe.steps.custom;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.CommitSync;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.TableLock;
import dev.lakepipe.steps.source.BronzeSchema;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a gold Hudi table and registers it (local catalog entry here; Hive sync to Glue on EMR). Each write is one
 * Hudi commit that also carries {@code commitMetadata} (keys starting with {@code _}), so a step can store what it
 * consumed atomically with what it wrote. Gold rows get {@link CustomStepContext#GOLD_UPDATED_AT} and
 * {@code _hoodie_is_deleted} when they lack them.
 */
public final class GoldTableWriter {

    /** A recomputed gold row replaces the stored one whatever its ordering value (silver's payload keeps the greater). */
    private static final String LAST_WRITE_WINS = "org.apache.hudi.common.model.OverwriteWithLatestAvroPayload";

    private final SparkSession spark;
    private final HudiTable table;
    private final Optional<LocalCatalog> catalog;
    private final CommitSync sync;
    private final String sourceDescription;

    public GoldTableWriter(
            SparkSession spark, HudiTable table, Optional<LocalCatalog> catalog, String sourceDescription) {
        this.spark = requireNonNull(spark, "spark is null");
        this.table = requireNonNull(table, "table is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.sync = CommitSync.of(catalog);
        this.sourceDescription = requireNonNull(sourceDescription, "sourceDescription is null");
    }

    public HudiTable table() {
        return table;
    }

    /** Replaces the whole table in one replace commit (readers see the old rows or the new ones, never none). */
    public void overwrite(Dataset<Row> rows, Map<String, String> commitMetadata) {
        var options = options(commitMetadata);
        options.put("hoodie.datasource.write.operation", "insert_overwrite_table");
        write(rows, options);
    }

    /** Upserts rows; rows with {@code _hoodie_is_deleted = true} delete their key. */
    public void upsert(Dataset<Row> rows, Map<String, String> commitMetadata) {
        write(rows, options(commitMetadata));
    }

    private void write(Dataset<Row> rows, Map<String, String> options) {
        var completed = complete(rows);
        TableLock.write(
                table,
                () -> completed
                        .write()
                        .format("hudi")
                        .options(options)
                        .options(sync.writeOptions(table).syncPushdown(completed.schema()))
                        .mode(SaveMode.Append)
                        .save(table.basePath()));
        catalog.ifPresent(local -> local.put(CatalogEntry.of(table, sourceDescription, null, Instant.now())));
        sync.afterCommit(spark, table);
    }

    private LinkedHashMap<String, String> options(Map<String, String> commitMetadata) {
        var base = sync.writeOptions(table);
        var options = new LinkedHashMap<>(base.upsert(spark.sparkContext().defaultParallelism()));
        options.put("hoodie.datasource.write.payload.class", LAST_WRITE_WINS);
        options.put("hoodie.compaction.payload.class", LAST_WRITE_WINS);
        // Gold deletes carry their partition value (part of the key), so a partition-local bloom index suffices;
        // silver's global index would read every key of the table on each incremental upsert.
        options.put("hoodie.index.type", "BLOOM");
        commitMetadata.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                throw new IllegalArgumentException(
                        "Invalid commit metadata key " + key + ": must start with _ (Hudi copies only those)");
            }
            options.put(key, value);
        });
        return options;
    }

    private Dataset<Row> complete(Dataset<Row> rows) {
        var columns = Arrays.asList(rows.columns());
        var result = rows;
        if (!columns.contains(CustomStepContext.GOLD_UPDATED_AT)) {
            result = result.withColumn(CustomStepContext.GOLD_UPDATED_AT, current_timestamp());
        }
        if (!columns.contains(BronzeSchema.IS_DELETED)) {
            result = result.withColumn(BronzeSchema.IS_DELETED, lit(false));
        }
        return result;
    }
}
