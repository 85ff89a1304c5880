package dev.lakepipe.steps.apply;

import static dev.lakepipe.dms.DmsColumns.TRX_SEQ;
import static dev.lakepipe.steps.apply.ChangeColumns.SOURCE_FILE;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.FileSizing;
import dev.lakepipe.dms.DmsColumns;
import dev.lakepipe.steps.catalog.CommitSync;
import dev.lakepipe.steps.hudi.Compactor;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.SeedHudi;
import dev.lakepipe.steps.hudi.TableLock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every pending change file of one table to its silver Hudi table, oldest first, in batches of at most
 * {@code maxFilesPerBatch} files; each batch is one Hudi upsert whose commit also records the checkpoint
 * ({@link ApplyCheckpoint}), so a crash at any point leaves either the whole batch applied and recorded, or
 * neither (readers never see an uncommitted instant; Hudi rolls it back once its heartbeat expired, see {@link TableLock}).
 */
public final class TableApplier {

    private static final Logger LOG = LoggerFactory.getLogger(TableApplier.class);
    private static final Set<String> HUDI_META_COLUMNS = Set.of(
            "_hoodie_commit_time",
            "_hoodie_commit_seqno",
            "_hoodie_record_key",
            "_hoodie_partition_path",
            "_hoodie_file_name");

    private final SparkSession spark;
    private final ChangeFileLister lister;
    private final CheckpointStore checkpoints;
    private final TruncationCheck truncations;
    private final int maxFilesPerBatch;
    private final FileSizing fileSizing;
    private final CommitSync catalog;

    /** An applier with the default {@link FileSizing}, whose commits are registered in no catalog (tests, benches). */
    public TableApplier(SparkSession spark, int maxFilesPerBatch) {
        this(spark, maxFilesPerBatch, FileSizing.DEFAULTS);
    }

    /**
     * An applier whose commits are registered in no catalog (tests, benches).
     *
     * @param fileSizing how the upserts size, cluster and clean the silver files (the pipeline's {@code file_sizing})
     */
    public TableApplier(SparkSession spark, int maxFilesPerBatch, FileSizing fileSizing) {
        this(spark, maxFilesPerBatch, fileSizing, CommitSync.NONE);
    }

    /** @param catalog how each commit reaches the catalog: Glue through Hudi's sync on EMR, the local catalog here */
    public TableApplier(SparkSession spark, int maxFilesPerBatch, FileSizing fileSizing, CommitSync catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.spark = requireNonNull(spark, "spark is null");
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        this.lister = new ChangeFileLister(hadoopConf);
        this.checkpoints = new CheckpointStore(hadoopConf);
        this.truncations = new TruncationCheck(spark, lister, checkpoints);
        if (maxFilesPerBatch < 1) {
            throw new IllegalArgumentException(
                    "Invalid max files per batch: " + maxFilesPerBatch + "; expected at least 1");
        }
        this.maxFilesPerBatch = maxFilesPerBatch;
        this.fileSizing = requireNonNull(fileSizing, "fileSizing is null");
    }

    /**
     * Applies every pending file; {@code shouldStop} is checked between batches (graceful stop). A late file (one that
     * appeared after newer files were applied) is applied in one batch together with every file after it up to the
     * checkpoint's last file, applied before: a change of the late file then competes with the newer changes of its key
     * (a newer delete included), so the newest {@code trx_seq} wins as if the file had come in time. A table whose
     * source was truncated after its seed is refused ({@link TruncationCheck}).
     */
    public CycleResult applyPending(ApplyTable table, BooleanSupplier shouldStop) {
        requireSilverTable(table);
        requireTableType(table);
        var seedSeq = truncations.seedSeq(table);
        truncations.requireNotTruncated(table, seedSeq);
        var checkpoint = checkpoints.read(table.basePath());
        var listed = lister.list(table.changeFolder());
        var pending = ChangeFileLister.notCovered(listed, checkpoint);
        var batches = new ArrayList<BatchResult>();
        var remaining = new ArrayList<>(pending);
        while (!remaining.isEmpty() && !shouldStop.getAsBoolean()) {
            if (replacedSinceRead(table, checkpoint, seedSeq)) {
                break;
            }
            var batch = nextBatch(table, listed, remaining, checkpoint);
            var result = applyBatch(table, checkpoint, batch, seedSeq);
            batches.add(result);
            checkpoint = Optional.of(result.checkpoint());
            remaining.removeAll(batch);
            LOG.info(
                    "Applied {} change files ({} changes) to {} in instant {}; last file {}",
                    result.files(),
                    result.changes(),
                    table.table(),
                    result.instant(),
                    result.checkpoint().lastFile());
        }
        if (!shouldStop.getAsBoolean()) {
            runScheduledCompactions(table);
        }
        return new CycleResult(table.table(), batches, checkpoint, remaining.size());
    }

    /**
     * {@code file_sizing.compaction.mode: scheduled}: the cycle's batches planned the compactions; they run here, after
     * every batch committed, so no batch waits for one. A stopping cycle leaves them to the next.
     */
    private void runScheduledCompactions(ApplyTable table) {
        if (table.hudi().tableType() != HudiTable.TableType.MERGE_ON_READ
                || fileSizing.compaction().mode() != FileSizing.Compaction.Mode.SCHEDULED) {
            return;
        }
        var compacted =
                new Compactor(spark).runPending(table.hudi(), upsertOptions(table), HaltPoint.DURING_COMPACTION::reach);
        if (!compacted.isEmpty()) {
            LOG.info("Compacted {} in instants {}", table.table(), compacted);
        }
    }

    /**
     * Whether another writer committed to the table since this cycle read its checkpoint and handoff: a reload
     * (docs/operations.md, "Reloading one table") replaces the rows, the handoff and the checkpoint, so a batch planned
     * from the old ones must not commit on top of it (Hudi's conflict check sees only commits that complete while the
     * batch writes). The cycle ends; the next one reads the new checkpoint.
     */
    private boolean replacedSinceRead(
            ApplyTable table, Optional<ApplyCheckpoint> checkpoint, Optional<String> seedSeq) {
        var current = checkpoints.read(table.basePath());
        var currentSeed = truncations.seedSeq(table);
        if (current.equals(checkpoint) && currentSeed.equals(seedSeq)) {
            return false;
        }
        LOG.warn(
                "{} was committed to by another writer since this cycle read its checkpoint (handoff {} -> {}): a reload;"
                        + " this cycle stops, the next resumes from the new checkpoint",
                table.table(),
                seedSeq.orElse("none"),
                currentSeed.orElse("none"));
        return true;
    }

    /** The next batch: late files with the applied files after them, else up to {@code maxFilesPerBatch} pending files. */
    private List<ChangeFile> nextBatch(
            ApplyTable table,
            List<ChangeFile> listed,
            List<ChangeFile> remaining,
            Optional<ApplyCheckpoint> checkpoint) {
        var first = remaining.get(0);
        if (checkpoint.isPresent() && checkpoint.get().isLate(first)) {
            var last = checkpoint.get().lastFile();
            var replay = listed.stream()
                    .filter(file -> ChangeFile.ORDER.compare(file, first) >= 0 && !file.isAfter(last))
                    .toList();
            LOG.warn(
                    "Late change files for {}: {} appeared after {} was applied; applying them again with the {} files from {} to {}",
                    table.table(),
                    replay.stream()
                            .filter(checkpoint.get()::isLate)
                            .map(ChangeFile::relativePath)
                            .toList(),
                    last,
                    replay.size(),
                    first.relativePath(),
                    last);
            return replay;
        }
        return remaining.subList(0, Math.min(maxFilesPerBatch, remaining.size()));
    }

    /** The change files not covered by the checkpoint, in application order. */
    public List<ChangeFile> pendingFiles(ApplyTable table, Optional<ApplyCheckpoint> checkpoint) {
        return lister.pending(table.changeFolder(), checkpoint);
    }

    /** Applies one batch; a failure that is not already ours is blamed on the file that caused it (see {@link BatchDiagnosis}). */
    private BatchResult applyBatch(
            ApplyTable table, Optional<ApplyCheckpoint> previous, List<ChangeFile> batch, Optional<String> seedSeq) {
        var diagnosis = new BatchDiagnosis(spark, table, batch);
        try {
            return applyReadable(table, previous, batch, diagnosis, seedSeq);
        } catch (LakepipeException e) {
            throw e;
        } catch (Exception e) {
            // Spark throws its checked SparkException from Scala code without declaring it. Losing the table to another
            // writer is no fault of the batch's files.
            throw TableLock.explain(table.hudi(), e)
                    .orElseGet(() ->
                            diagnosis.explain(e, schema -> reconciler(table).columns(schema)));
        }
    }

    /**
     * A change at or before the seed's handoff is in the full load already (docs/full-load.md), so it is dropped: after
     * a reload it could otherwise bring back a row a TRUNCATE removed, which no delete row ever removes.
     */
    private BatchResult applyReadable(
            ApplyTable table,
            Optional<ApplyCheckpoint> previous,
            List<ChangeFile> batch,
            BatchDiagnosis diagnosis,
            Optional<String> seedSeq) {
        var raw = read(table, batch);
        var reconciler = reconciler(table);
        List<Column> columns;
        try {
            columns = reconciler.columns(raw.schema());
        } catch (IncompatibleChangeException e) {
            throw diagnosis.blameSchema(e, reconciler::columns);
        }
        // One read of the files: the validation's scan fills the cache, the upsert's jobs (index lookup, write) read
        // it.
        var aligned = raw.select(columns.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            var stats = validate(table, batch, aligned);
            var target = reconciler.targetSchema(raw.schema(), passThroughColumns(raw.schema()));
            var afterSeed =
                    seedSeq.map(seq -> aligned.where(col(TRX_SEQ).gt(seq))).orElse(aligned);
            var upserts = new ChangeConsolidator(table.recordKeys()).consolidate(afterSeed, target);
            var checkpoint = ApplyCheckpoint.after(previous, batch, stats.newestSeq());
            HaltPoint.BEFORE_WRITE.reach();
            write(table, upserts.to(nullable(upserts.schema())), checkpoint, seedSeq);
            catalog.afterCommit(spark, table.hudi());
            var committedAt = Instant.now();
            var instant = lastInstant(table);
            HaltPoint.AFTER_COMMIT.reach();
            return new BatchResult(batch.size(), stats.changes(), instant, committedAt, checkpoint);
        } finally {
            aligned.unpersist();
        }
    }

    private SchemaReconciler reconciler(ApplyTable table) {
        return new SchemaReconciler(table.table(), tableSchema(table), table.recordKeys());
    }

    private Dataset<Row> read(ApplyTable table, List<ChangeFile> batch) {
        var paths = batch.stream().map(ChangeFile::path).toArray(String[]::new);
        var changes = FooterSchema.common(spark, batch)
                .map(schema -> spark.read().schema(schema).parquet(paths))
                .orElseGet(() -> spark.read().option("mergeSchema", "true").parquet(paths));
        if (!Arrays.asList(changes.columns()).contains(TRX_SEQ)) {
            throw new LakepipeException(
                    "Invalid change files %s of %s: column %s is missing, so their changes cannot be ordered;"
                            + " nothing of them was applied and the checkpoint is unchanged: add the $AR_H_CHANGE_SEQ add-column rule to the DMS"
                            + " table mapping, move the files out of %s and reload the table (jdbc_load, seed_hudi)",
                    BatchDiagnosis.span(batch), table.table(), TRX_SEQ, table.changeFolder());
        }
        return table.transformer().apply(spark, changes, table.table()).withColumn(SOURCE_FILE, input_file_name());
    }

    private record BatchStats(long changes, Optional<String> newestSeq) {}

    /**
     * One pass over the batch: counts and newest sequence, and whether any row is corrupt. A source primary key column is
     * never NULL, so a row with any NULL key column (or a partly NULL before-image key) comes from a corrupt file: it
     * would insert a row that does not exist and, through its before-image, delete one that does. Such a batch is
     * refused as a whole, naming the first bad file, before anything is written, so the checkpoint stays before it.
     */
    private BatchStats validate(ApplyTable table, List<ChangeFile> batch, Dataset<Row> changes) {
        var defects = RowDefect.of(table.primaryKey(), changes.schema());
        Column invalid = lit(false);
        for (var defect : defects) {
            invalid = invalid.or(defect.test());
        }
        var row = changes.agg(
                        count(lit(1)), max(col(TRX_SEQ)), sum(when(invalid, 1).otherwise(0)))
                .first();
        if (!row.isNullAt(2) && row.getLong(2) > 0) {
            throw invalidRows(table, batch, changes.where(invalid), defects);
        }
        return new BatchStats(row.getLong(0), Optional.ofNullable(row.getString(1)));
    }

    /** The error for the invalid rows of a batch: the first bad file, what is wrong in how many of its rows. */
    private static LakepipeException invalidRows(
            ApplyTable table, List<ChangeFile> batch, Dataset<Row> invalid, List<RowDefect> defects) {
        var counts = new ArrayList<Column>();
        for (var defect : defects) {
            counts.add(sum(when(defect.test(), 1).otherwise(0)));
        }
        var perFile = invalid.groupBy(col(SOURCE_FILE))
                .agg(count(lit(1)), counts.toArray(Column[]::new))
                .orderBy(col(SOURCE_FILE))
                .collectAsList();
        var first = perFile.get(0);
        var problems = new ArrayList<String>();
        for (int i = 0; i < defects.size(); i++) {
            var rows = first.getLong(i + 2);
            if (rows > 0) {
                problems.add(defects.get(i).description() + " in " + rows + (rows == 1 ? " row" : " rows"));
            }
        }
        var others = perFile.size() > 1 ? String.format(" (and %d more files of this batch)", perFile.size() - 1) : "";
        return new LakepipeException(
                "Invalid change file %s of %s: %s%s; DMS never writes such rows (a source primary key"
                        + " is never NULL, trx_seq is AR_H_CHANGE_SEQ, 35 digits), so the file is corrupt. Nothing of it was applied and"
                        + " the checkpoint is unchanged: fix the file or move it out of %s (then rerun); if the key is wrong, fix the DMS"
                        + " table mapping",
                relativePath(batch, first.getString(0)),
                table.table(),
                String.join(", ", problems),
                others,
                table.changeFolder());
    }

    /** The path of {@code file} (as Spark's input_file_name reports it) relative to the table's change folder. */
    private static String relativePath(List<ChangeFile> batch, String file) {
        return batch.stream()
                .filter(change -> file.endsWith("/" + change.relativePath()))
                .map(ChangeFile::relativePath)
                .findFirst()
                .orElse(file);
    }

    private static Set<String> passThroughColumns(StructType schema) {
        var names = new HashSet<String>();
        for (var name : schema.fieldNames()) {
            if (name.startsWith(DmsColumns.BEFORE_IMAGE_PREFIX) || name.equals(SOURCE_FILE)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Every apply commit carries the seed's handoff seq forward, so it is found in the newest commit, not only in the
     * seed commit, which Hudi archives after a few dozen commits.
     */
    private void write(ApplyTable table, Dataset<Row> upserts, ApplyCheckpoint checkpoint, Optional<String> seedSeq) {
        var options = catalog.writeOptions(table.hudi());
        upserts.write()
                .format("hudi")
                .options(upsertOptions(table))
                .options(options.syncPushdown(upserts.schema()))
                .options(HaltPoint.writeOptions())
                .options(seedSeq.map(seq -> Map.of(SeedHudi.SEED_SEQ_METADATA_KEY, seq))
                        .orElse(Map.of()))
                .option(ApplyCheckpoint.COMMIT_METADATA_KEY, checkpoint.toJson())
                .mode(SaveMode.Append)
                .save(table.basePath());
    }

    private Map<String, String> upsertOptions(ApplyTable table) {
        return catalog.writeOptions(table.hudi()).upsert(spark.sparkContext().defaultParallelism(), fileSizing);
    }

    StructType tableSchema(ApplyTable table) {
        var fields = Arrays.stream(spark.read()
                        .format("hudi")
                        .load(table.basePath())
                        .schema()
                        .fields())
                .filter(field -> !HUDI_META_COLUMNS.contains(field.name()))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }

    private void requireSilverTable(ApplyTable table) {
        try {
            var path = new Path(table.basePath(), ".hoodie/hoodie.properties");
            if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
                throw new LakepipeException(
                        "Cannot apply changes to %s: silver table %s does not exist; run jdbc_load and seed_hudi for the table first",
                        table.table(), table.basePath());
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to check silver table %s of %s", table.basePath(), table.table());
        }
    }

    /**
     * The configured table type must be the one the table was seeded with: Hudi keeps a table's type for its life, so a
     * changed {@code table_type} would otherwise write with options (compaction, catalog views) of the other type.
     */
    private void requireTableType(ApplyTable table) {
        var stored = checkpoints.tableType(table.basePath());
        var configured = table.hudi().tableType().name();
        if (!stored.equals(configured)) {
            throw new LakepipeException(
                    "Cannot apply changes to %s: hudi_config.table_type is %s, but silver table %s was seeded as %s and"
                            + " Hudi keeps a table's type for its life; nothing was applied. Set table_type back to %s, or"
                            + " delete the silver table's folder and seed it again (jdbc_load, seed_hudi) to change it",
                    table.table(), configured, table.basePath(), stored, stored);
        }
    }

    /** The commit that carries the checkpoint: on a merge-on-read table, the delta commit, not a compaction after it. */
    private String lastInstant(ApplyTable table) {
        return checkpoints
                .newestMetadata(table.basePath(), ApplyCheckpoint.COMMIT_METADATA_KEY)
                .map(CheckpointStore.CommitValue::instant)
                .orElseGet(() -> checkpoints.lastCompletedInstant(table.basePath()));
    }

    private static StructType nullable(StructType schema) {
        var fields = Arrays.stream(schema.fields())
                .map(field -> DataTypes.createStructField(field.name(), field.dataType(), true))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }
}
