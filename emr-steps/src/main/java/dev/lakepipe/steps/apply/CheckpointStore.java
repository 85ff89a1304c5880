package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;

/**
 * Reads the apply checkpoint back from the Hudi timeline: the newest <em>completed</em> commit that carries
 * {@link ApplyCheckpoint#COMMIT_METADATA_KEY}. Inflight (crashed) commits are ignored; Hudi rolls them back on
 * the next write. Commits without the key (seed_hudi's bulk insert) are skipped; when none carries it every
 * change file is pending, which is correct because the ordering-aware merge drops changes older than the
 * seeded rows.
 */
public final class CheckpointStore {

    private final Configuration hadoopConf;

    public CheckpointStore(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    public Optional<ApplyCheckpoint> read(String basePath) {
        return newestMetadata(basePath, ApplyCheckpoint.COMMIT_METADATA_KEY)
                .map(found -> ApplyCheckpoint.fromJson(found.value(), basePath + " commit " + found.instant()));
    }

    /** Every checkpoint of the active timeline, newest commit first. */
    public List<ApplyCheckpoint> readAll(String basePath) {
        var commits = completedCommits(basePath);
        var checkpoints = new ArrayList<ApplyCheckpoint>();
        for (var instant : commits.getReverseOrderedInstants().toList()) {
            extraMetadata(commits, instant, basePath, ApplyCheckpoint.COMMIT_METADATA_KEY)
                    .map(json -> ApplyCheckpoint.fromJson(json, basePath + " commit " + instant.getTimestamp()))
                    .ifPresent(checkpoints::add);
        }
        return checkpoints;
    }

    /** A commit's extra metadata value and the commit's instant. */
    public record CommitValue(String instant, String value) {}

    /** The value of {@code key} in the newest completed commit that carries it (any writer's checkpoint key). */
    public Optional<CommitValue> newestMetadata(String basePath, String key) {
        HoodieTimeline commits = completedCommits(basePath);
        var instants = commits.getReverseOrderedInstants().toList();
        for (HoodieInstant instant : instants) {
            var value = extraMetadata(commits, instant, basePath, key);
            if (value.isPresent()) {
                return Optional.of(new CommitValue(instant.getTimestamp(), value.get()));
            }
        }
        return Optional.empty();
    }

    /** The newest completed commit instant of the table. */
    public String lastCompletedInstant(String basePath) {
        return completedCommits(basePath)
                .lastInstant()
                .map(HoodieInstant::getTimestamp)
                .orElseThrow(
                        () -> new LakepipeException("Cannot read the timeline of %s: no completed commit", basePath));
    }

    /** The table type the table was created with ({@code hoodie.table.type} of {@code hoodie.properties}). */
    public String tableType(String basePath) {
        return metaClient(basePath).getTableType().name();
    }

    private HoodieTimeline completedCommits(String basePath) {
        return metaClient(basePath).getActiveTimeline().getCommitsTimeline().filterCompletedInstants();
    }

    private HoodieTableMetaClient metaClient(String basePath) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(hadoopConf))
                .setBasePath(basePath)
                .build();
    }

    private static Optional<String> extraMetadata(
            HoodieTimeline timeline, HoodieInstant instant, String basePath, String key) {
        try {
            var bytes = timeline.getInstantDetails(instant).get();
            var metadata = HoodieCommitMetadata.fromBytes(bytes, HoodieCommitMetadata.class);
            return Optional.ofNullable(metadata.getMetadata(key));
        } catch (IOException e) {
            throw new LakepipeException(
                    e, "Failed to read commit metadata of %s instant %s", basePath, instant.getTimestamp());
        }
    }
}
