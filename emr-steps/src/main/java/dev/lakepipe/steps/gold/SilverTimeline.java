package dev.lakepipe.steps.gold;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.model.HoodieReplaceCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.common.util.CleanerUtils;
import org.apache.hudi.exception.TableNotFoundException;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;

/**
 * What the gold step needs to know about a silver table's Hudi timeline: its newest completed commit, whether an
 * incremental query can still start at an older one, and how many records the commits of a window deleted.
 */
final class SilverTimeline {

    private final String basePath;
    private final HoodieTableMetaClient metaClient;
    private final HoodieTimeline commits;

    private SilverTimeline(String basePath, HoodieTableMetaClient metaClient) {
        this.basePath = basePath;
        this.metaClient = metaClient;
        this.commits = metaClient.getActiveTimeline().getCommitsTimeline().filterCompletedInstants();
    }

    static SilverTimeline of(Configuration hadoopConf, String basePath, String table) {
        requireNonNull(basePath, "basePath is null");
        try {
            return new SilverTimeline(
                    basePath,
                    HoodieTableMetaClient.builder()
                            .setConf(HadoopFSUtils.getStorageConfWithCopy(hadoopConf))
                            .setBasePath(basePath)
                            .build());
        } catch (TableNotFoundException e) {
            throw new LakepipeException(
                    e,
                    "Cannot build gold from %s: silver table %s does not exist; run jdbc_load and seed_hudi for it first",
                    table,
                    basePath);
        }
    }

    /** The newest completed commit (commit, delta or replace commit). */
    String lastInstant() {
        return commits.lastInstant()
                .map(HoodieInstant::getTimestamp)
                .orElseThrow(() -> new LakepipeException(
                        "Cannot build gold from %s: the silver table has no completed commit", basePath));
    }

    /**
     * Why an incremental query from {@code begin} (exclusive) cannot be trusted, or empty when it can: {@code begin}
     * must still be a completed commit of the active timeline (not archived; not from before a re-seed, which starts a
     * new timeline) and no clean may have removed file versions written after it.
     */
    Optional<String> cannotReadAfter(String begin) {
        if (!commits.containsInstant(begin)) {
            return Optional.of(
                    basePath + " no longer has commit " + begin + " (archived, or the table was seeded again)");
        }
        var lastClean = metaClient
                .getActiveTimeline()
                .getCleanerTimeline()
                .filterCompletedInstants()
                .lastInstant();
        if (lastClean.isPresent()) {
            try {
                var retained = CleanerUtils.getCleanerMetadata(metaClient, lastClean.get())
                        .getEarliestCommitToRetain();
                if (retained != null
                        && !retained.isEmpty()
                        && HoodieTimeline.compareTimestamps(begin, HoodieTimeline.LESSER_THAN, retained)) {
                    return Optional.of(basePath + " was cleaned up to " + retained + ", after commit " + begin);
                }
            } catch (IOException e) {
                throw new LakepipeException(
                        e, "Failed to read clean %s of %s", lastClean.get().getTimestamp(), basePath);
            }
        }
        return Optional.empty();
    }

    /** Records deleted by the completed commits after {@code begin} up to and including {@code end}. */
    long deletesBetween(String begin, String end) {
        long deleted = 0;
        for (var instant : commits.findInstantsInRange(begin, end).getInstants()) {
            deleted += metadata(instant).getTotalRecordsDeleted();
        }
        return deleted;
    }

    private HoodieCommitMetadata metadata(HoodieInstant instant) {
        try {
            var bytes = commits.getInstantDetails(instant).get();
            return instant.getAction().equals(HoodieTimeline.REPLACE_COMMIT_ACTION)
                    ? HoodieReplaceCommitMetadata.fromBytes(bytes, HoodieReplaceCommitMetadata.class)
                    : HoodieCommitMetadata.fromBytes(bytes, HoodieCommitMetadata.class);
        } catch (IOException e) {
            throw new LakepipeException(
                    e, "Failed to read commit metadata of %s instant %s", basePath, instant.getTimestamp());
        }
    }
}
