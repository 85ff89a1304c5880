package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.FileSizing;
import dev.lakepipe.plan.HudiOnEmr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The one definition of how lakepipe writes a silver Hudi table. seed_hudi (bulk_insert, or insert_overwrite_table onto
 * an existing table) and the CDC apply (upsert) both take their options from here, so the key format, payload, ordering
 * and index never drift apart between the first write and the later ones.
 *
 * <ul>
 *   <li>precombine / ordering field: {@code hudi_config.watermark}, by default {@code trx_seq} (35-digit AR_H_CHANGE_SEQ; full-load rows carry
 *       the handoff seq, see docs/full-load.md);</li>
 *   <li>payload: {@code DefaultHoodieRecordPayload} — a stored record with a greater {@code trx_seq}
 *       is kept, so late or replayed changes never overwrite newer data; deletes through
 *       {@code _hoodie_is_deleted=true};</li>
 *   <li>key generator from the key shape: non-partitioned, simple (one key, one partition field) or
 *       complex; hive-style partition paths;</li>
 *   <li>index: the table's {@link HudiTable#index()}; a global index moves a record whose partition value changes;</li>
 *   <li>concurrency: the table's lock ({@link TableLock}), so a second writer never commits over the first.</li>
 * </ul>
 */
public final class HudiWriteOptions {

    public static final String PAYLOAD_CLASS = "org.apache.hudi.common.model.DefaultHoodieRecordPayload";
    private static final String KEYGEN_PACKAGE = "org.apache.hudi.keygen.";
    /** The Hive types int, bigint, string and date: the partition types Hudi 0.15's sync can push down to Glue. */
    private static final Set<DataType> PUSHDOWN_TYPES =
            Set.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.StringType, DataTypes.DateType);

    private final HudiTable table;
    private final boolean hiveSync;

    private HudiWriteOptions(HudiTable table, boolean hiveSync) {
        this.table = requireNonNull(table, "table is null");
        this.hiveSync = hiveSync;
    }

    /** Options for a table registered in the local catalog (no Hive/Glue sync). */
    public static HudiWriteOptions of(HudiTable table) {
        return new HudiWriteOptions(table, false);
    }

    /** Options that also sync the table to the metastore on each commit (Glue on EMR). */
    public static HudiWriteOptions withHiveSync(HudiTable table) {
        return new HudiWriteOptions(table, true);
    }

    public HudiTable table() {
        return table;
    }

    /** seed_hudi: bulk_insert of the full load into an empty table. */
    public Map<String, String> bulkInsert(int parallelism) {
        return bulkInsert(parallelism, true);
    }

    /**
     * seed_hudi with the rows' schema: Hudi 0.15's bulk_insert row writer formats timestamp and date parts of a
     * record key as text ({@code 2026-11-23 11:00:00.0}) while upserts (the CDC apply) format them as numbers
     * ({@code 1795431600000000}), so a change to a seeded row would become a second row. Tables with such key
     * columns (TPC-C {@code history}, keyed by all columns) are bulk inserted without the row writer.
     */
    public Map<String, String> bulkInsert(int parallelism, StructType schema) {
        var keyHasTime = table.recordKeys().stream()
                .map(key -> schema.apply(key).dataType())
                .anyMatch(type ->
                        type instanceof TimestampType || type instanceof DateType || type instanceof TimestampNTZType);
        return bulkInsert(parallelism, !keyHasTime);
    }

    private Map<String, String> bulkInsert(int parallelism, boolean rowWriter) {
        var options = common();
        options.put("hoodie.datasource.write.operation", "bulk_insert");
        options.put("hoodie.datasource.write.row.writer.enable", Boolean.toString(rowWriter));
        options.put("hoodie.bulkinsert.sort.mode", "NONE");
        options.put("hoodie.bulkinsert.shuffle.parallelism", Integer.toString(parallelism));
        options.put("hoodie.combine.before.insert", "false");
        return Map.copyOf(options);
    }

    /**
     * seed_hudi onto an existing table (a reload): {@code insert_overwrite_table} replaces every file group of the table
     * in one replace commit, so readers see the old rows until it completes and the new rows after it. It takes the
     * record path, as the CDC apply does, so record keys are formatted as the apply formats them.
     */
    public Map<String, String> insertOverwriteTable(int parallelism) {
        var options = common();
        options.put("hoodie.datasource.write.operation", "insert_overwrite_table");
        options.put("hoodie.datasource.write.row.writer.enable", "false");
        options.put("hoodie.combine.before.insert", "false");
        options.put("hoodie.insert.shuffle.parallelism", Integer.toString(parallelism));
        return Map.copyOf(options);
    }

    /** CDC apply with the default {@link FileSizing}. */
    public Map<String, String> upsert(int parallelism) {
        return upsert(parallelism, FileSizing.DEFAULTS);
    }

    /**
     * CDC apply: upsert of change rows (deletes carry {@code _hoodie_is_deleted=true}), files sized, clustered and cleaned
     * by {@code sizing}, a merge-on-read table compacted as {@code sizing.compaction()} says.
     */
    public Map<String, String> upsert(int parallelism, FileSizing sizing) {
        var options = common();
        options.put("hoodie.datasource.write.operation", "upsert");
        options.put("hoodie.combine.before.upsert", "true");
        options.put("hoodie.upsert.shuffle.parallelism", Integer.toString(parallelism));
        options.putAll(fileSizing(sizing));
        if (table.tableType() == HudiTable.TableType.MERGE_ON_READ) {
            options.putAll(compaction(sizing.compaction()));
        }
        return Map.copyOf(options);
    }

    /**
     * A merge-on-read table's compaction: planned every {@code everyDeltaCommits} delta commits; run by the writer after
     * the delta commit that planned it ({@code inline}; the writer also runs first any plan a crashed writer left), or
     * left for {@link Compactor} ({@code scheduled}; the writer plans one only when none is pending). Never Spark's
     * streaming async compaction, which a batch write does not start.
     */
    static Map<String, String> compaction(FileSizing.Compaction compaction) {
        var inline = compaction.mode() == FileSizing.Compaction.Mode.INLINE;
        var options = new LinkedHashMap<String, String>();
        options.put("hoodie.compact.inline", Boolean.toString(inline));
        options.put("hoodie.compact.schedule.inline", Boolean.toString(!inline));
        options.put("hoodie.compact.inline.trigger.strategy", "NUM_COMMITS");
        options.put("hoodie.compact.inline.max.delta.commits", Integer.toString(compaction.everyDeltaCommits()));
        options.put("hoodie.datasource.compaction.async.enable", "false");
        return options;
    }

    /**
     * The Hudi options of a pipeline's {@code file_sizing} (docs/configs.md, "File sizes"). Clustering runs inline, in
     * the writer after every {@code every_commits} commits, so it never races an upsert; it keeps the records' commit
     * times, so incremental readers do not see clustered records as changed.
     */
    public static Map<String, String> fileSizing(FileSizing sizing) {
        var options = new LinkedHashMap<String, String>();
        options.put("hoodie.parquet.max.file.size", Long.toString(megabytes(sizing.maxFileSizeMb())));
        options.put("hoodie.parquet.small.file.limit", Long.toString(megabytes(sizing.smallFileLimitMb())));
        options.put("hoodie.copyonwrite.record.size.estimate", Integer.toString(sizing.recordSizeEstimateBytes()));
        var clustering = sizing.clustering();
        options.put("hoodie.clustering.inline", Boolean.toString(clustering.enabled()));
        options.put("hoodie.clustering.inline.max.commits", Integer.toString(clustering.everyCommits()));
        options.put(
                "hoodie.clustering.plan.strategy.small.file.limit",
                Long.toString(megabytes(clustering.smallFileLimitMb())));
        options.put(
                "hoodie.clustering.plan.strategy.target.file.max.bytes",
                Long.toString(megabytes(clustering.targetFileSizeMb())));
        // Hudi 0.15 clusters through the row writer by default, which rescales decimals written by upserts (10.50
        // became
        // 1050.00 in SqlAndDescribeIT); the record path keeps them. Clustering keeps each record's commit time either
        // way.
        options.put("hoodie.datasource.write.row.writer.enable", "false");
        var cleaning = sizing.cleaning();
        options.put("hoodie.clean.automatic", Boolean.toString(cleaning.enabled()));
        options.put("hoodie.cleaner.policy", "KEEP_LATEST_COMMITS");
        options.put("hoodie.cleaner.commits.retained", Integer.toString(cleaning.commitsRetained()));
        options.put("hoodie.archive.automatic", "true");
        options.put("hoodie.keep.min.commits", Integer.toString(cleaning.keepMinCommits()));
        options.put("hoodie.keep.max.commits", Integer.toString(cleaning.keepMaxCommits()));
        return options;
    }

    private static long megabytes(int value) {
        return value * 1024L * 1024L;
    }

    /**
     * With the Hive sync on, the options that ask Glue for just the written partitions ({@link
     * HudiOnEmr#GLUE_SYNC_PUSHDOWN}) when every partition column of {@code schema} (the written rows) is one Hudi can
     * push down; otherwise none, and each sync lists every partition of the table from Glue.
     */
    public Map<String, String> syncPushdown(StructType schema) {
        if (!hiveSync || !table.partitioned()) {
            return Map.of();
        }
        var names = List.of(schema.fieldNames());
        var pushable = table.partitionFields().stream()
                .allMatch(field -> names.contains(field)
                        && PUSHDOWN_TYPES.contains(schema.apply(field).dataType()));
        return pushable ? HudiOnEmr.GLUE_SYNC_PUSHDOWN : Map.of();
    }

    /** The key generator class for this key shape. */
    public String keyGeneratorClass() {
        if (!table.partitioned()) {
            return KEYGEN_PACKAGE + "NonpartitionedKeyGenerator";
        }
        if (table.recordKeys().size() == 1 && table.partitionFields().size() == 1) {
            return KEYGEN_PACKAGE + "SimpleKeyGenerator";
        }
        return KEYGEN_PACKAGE + "ComplexKeyGenerator";
    }

    private LinkedHashMap<String, String> common() {
        var options = new LinkedHashMap<String, String>();
        options.put("hoodie.table.name", table.name());
        options.put("hoodie.datasource.write.table.name", table.name());
        options.put("hoodie.datasource.write.table.type", table.tableType().name());
        options.put("hoodie.datasource.write.recordkey.field", String.join(",", table.recordKeys()));
        options.put("hoodie.datasource.write.partitionpath.field", String.join(",", table.partitionFields()));
        options.put("hoodie.datasource.write.keygenerator.class", keyGeneratorClass());
        options.put("hoodie.datasource.write.hive_style_partitioning", "true");
        options.put("hoodie.datasource.write.partitionpath.urlencode", "false");
        options.put("hoodie.datasource.write.precombine.field", table.orderingField());
        options.put("hoodie.payload.ordering.field", table.orderingField());
        options.put("hoodie.datasource.write.payload.class", PAYLOAD_CLASS);
        options.put("hoodie.compaction.payload.class", PAYLOAD_CLASS);
        options.put("hoodie.index.type", table.index().name());
        options.put("hoodie.simple.index.update.partition.path", "true");
        options.put("hoodie.bloom.index.update.partition.path", "true");
        options.put("hoodie.datasource.write.drop.partition.columns", "false");
        // The metadata table pays off on S3 listings of large tables; locally it only costs time. One value for every
        // writer.
        options.put("hoodie.metadata.enable", "false");
        options.put("hoodie.table.timeline.timezone", "UTC");
        options.putAll(TableLock.writeOptions(table.basePath()));
        if (hiveSync) {
            options.putAll(hiveSyncOptions());
        }
        return options;
    }

    /**
     * Hudi's Hive sync, run by the writer after each commit: HMS mode through EMR's Glue metastore client
     * ({@code spark-hive-site}), reading the partitions to sync from the commit metadata
     * ({@link HudiOnEmr#GLUE_SYNC_INCREMENTAL}); see {@link #syncPushdown}.
     */
    private Map<String, String> hiveSyncOptions() {
        var options = new LinkedHashMap<String, String>();
        options.put("hoodie.datasource.hive_sync.enable", "true");
        options.put("hoodie.datasource.meta.sync.enable", "true");
        options.put("hoodie.datasource.hive_sync.mode", "hms");
        options.put("hoodie.datasource.hive_sync.database", table.database());
        options.put("hoodie.datasource.hive_sync.table", table.name());
        options.put("hoodie.datasource.hive_sync.partition_fields", String.join(",", table.partitionFields()));
        options.put(
                "hoodie.datasource.hive_sync.partition_extractor_class",
                table.partitionExtractorClass()
                        .orElse(
                                table.partitioned()
                                        ? "org.apache.hudi.hive.MultiPartKeysValueExtractor"
                                        : "org.apache.hudi.hive.NonPartitionedExtractor"));
        options.put("hoodie.datasource.hive_sync.support_timestamp", "true");
        options.putAll(HudiOnEmr.GLUE_SYNC_INCREMENTAL);
        return options;
    }
}
