package dev.lakepipe.steps.describe;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.DmsColumns;
import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.apply.ChangeFile;
import dev.lakepipe.steps.apply.ChangeFileLister;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieReplaceCommitMetadata;
import org.apache.hudi.common.model.WriteOperationType;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the {@link TableFacts} of a Hudi table: the files a snapshot query reads (Spark's own file index, so
 * exactly the latest committed file slices), every data file on storage, the timeline (commits, cleans, clustering), and
 * the change files the CDC apply has not applied yet.
 */
public final class TableInspector {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final SparkSession spark;
    private final Configuration hadoopConf;

    public TableInspector(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
    }

    /**
     * @param statusDir the apply jobs' status folder ({@code <logs bucket>/cdc}, one folder per identifier), if any
     */
    public TableFacts inspect(CatalogEntry entry, Optional<Path> statusDir, Instant now) {
        var metaClient = metaClient(entry);
        var timeline = metaClient.getActiveTimeline();
        var commits = timeline.getCommitsTimeline().filterCompletedInstants();
        var inputFiles = spark.read().format("hudi").load(entry.location()).inputFiles();
        var checkpoint = new CheckpointStore(hadoopConf).read(entry.location());
        return new TableFacts(
                entry,
                FileStats.of(sizes(Arrays.asList(inputFiles))),
                FileStats.of(storageSizes(entry.location())),
                commits.countInstants(),
                commits.lastInstant().toJavaOptional().map(HoodieInstant::getTimestamp),
                timeline.getCleanerTimeline()
                        .filterCompletedInstants()
                        .lastInstant()
                        .toJavaOptional()
                        .map(HoodieInstant::getTimestamp),
                lastClustering(timeline.getCompletedReplaceTimeline(), entry),
                checkpoint
                        .flatMap(ApplyCheckpoint::newestChangeSeq)
                        .map(seq -> ChangeSequence.parse(seq).commitTime()),
                Optional.ofNullable(entry.changeFolder()).map(folder -> pendingChanges(folder, checkpoint)),
                statusDir.flatMap(dir -> applyStatus(dir, entry)),
                now);
    }

    /** The change files after the checkpoint and the newest {@code trx_seq} in them (one column read). */
    private PendingChanges pendingChanges(String changeFolder, Optional<ApplyCheckpoint> checkpoint) {
        var pending = new ChangeFileLister(hadoopConf).pending(changeFolder, checkpoint);
        if (pending.isEmpty()) {
            return PendingChanges.NONE;
        }
        var paths = pending.stream().map(ChangeFile::path).toArray(String[]::new);
        String newest;
        try {
            newest = spark.read()
                    .parquet(paths)
                    .agg(max(col(DmsColumns.TRX_SEQ)))
                    .first()
                    .getString(0);
        } catch (RuntimeException e) {
            throw new LakepipeException(
                    e,
                    "Failed to read the newest %s of the %d pending change files under %s: %s",
                    DmsColumns.TRX_SEQ,
                    pending.size(),
                    changeFolder,
                    e.getMessage());
        }
        // Full-load rows carry an empty sequence.
        return new PendingChanges(
                pending.size(),
                Optional.ofNullable(newest)
                        .filter(seq -> !seq.isEmpty())
                        .map(seq -> ChangeSequence.parse(seq).commitTime()));
    }

    private HoodieTableMetaClient metaClient(CatalogEntry entry) {
        try {
            return HoodieTableMetaClient.builder()
                    .setConf(HadoopFSUtils.getStorageConfWithCopy(hadoopConf))
                    .setBasePath(entry.location())
                    .build();
        } catch (RuntimeException e) {
            throw new LakepipeException(
                    e, "Cannot read Hudi table %s at %s: %s", entry.table(), entry.location(), e.getMessage());
        }
    }

    private static Optional<String> lastClustering(HoodieTimeline replaces, CatalogEntry entry) {
        var instants = new ArrayList<>(replaces.getInstants());
        Collections.reverse(instants);
        for (var instant : instants) {
            try {
                var metadata = HoodieReplaceCommitMetadata.fromBytes(
                        replaces.getInstantDetails(instant).get(), HoodieReplaceCommitMetadata.class);
                if (metadata.getOperationType() == WriteOperationType.CLUSTER) {
                    return Optional.of(instant.getTimestamp());
                }
            } catch (IOException e) {
                throw new LakepipeException(
                        e, "Failed to read replace commit %s of %s", instant.getTimestamp(), entry.table());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // java.nio.file.Path is this file's Path
    private List<Long> sizes(List<String> files) {
        var sizes = new ArrayList<Long>();
        for (var file : files) {
            var path = new org.apache.hadoop.fs.Path(file);
            try {
                sizes.add(path.getFileSystem(hadoopConf).getFileStatus(path).getLen());
            } catch (IOException e) {
                throw new LakepipeException(e, "Failed to read the size of %s", file);
            }
        }
        return sizes;
    }

    /** Base files ({@code .parquet}) and log files ({@code .log.}) outside {@code .hoodie}. */
    @SuppressWarnings("checkstyle:noInlineQualifiedName") // java.nio.file.Path is this file's Path
    private List<Long> storageSizes(String basePath) {
        var root = new org.apache.hadoop.fs.Path(basePath);
        var sizes = new ArrayList<Long>();
        try {
            var files = root.getFileSystem(hadoopConf).listFiles(root, true);
            while (files.hasNext()) {
                var file = files.next();
                var relative = root.toUri().relativize(file.getPath().toUri()).getPath();
                var name = file.getPath().getName();
                if (!relative.startsWith(".hoodie")
                        && !name.startsWith(".")
                        && (name.endsWith(".parquet") || name.contains(".log."))) {
                    sizes.add(file.getLen());
                }
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list the files of %s", basePath);
        }
        return sizes;
    }

    /** The newest {@code <statusDir>/<identifier>/<schema.table>.json} of the table's source table. */
    private static Optional<ObjectNode> applyStatus(Path statusDir, CatalogEntry entry) {
        if (entry.sourceTable() == null || !Files.isDirectory(statusDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(
                statusDir,
                2,
                (file, attributes) -> file.getFileName().toString().equals(entry.sourceTable() + ".json"))) {
            var newest = files.max(Comparator.comparing(file -> file.toFile().lastModified()));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of((ObjectNode) JSON.readTree(newest.get().toFile()));
        } catch (IOException | ClassCastException e) {
            throw new LakepipeException(
                    e, "Failed to read the apply status of %s under %s", entry.sourceTable(), statusDir);
        }
    }
}
