package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * {@code file_sizing} of a {@code pipeline::system::incremental_hudi} or {@code continuous_hudi} item: how the upserts of
 * that pipeline size, cluster, compact and clean the silver Hudi files (docs/configs.md, "File sizes"). It is per
 * pipeline because the pipeline decides the write pattern: many small continuous commits need clustering and compaction
 * sooner than hourly batches.
 *
 * @param maxFileSizeMb a base file is not grown past this ({@code hoodie.parquet.max.file.size})
 * @param smallFileLimitMb files below this receive new inserts first ({@code hoodie.parquet.small.file.limit}); 0 turns
 *     small-file handling off (every insert batch opens new files)
 * @param recordSizeEstimateBytes the record size the first commit assumes ({@code hoodie.copyonwrite.record.size.estimate})
 */
public record FileSizing(
        int maxFileSizeMb,
        int smallFileLimitMb,
        int recordSizeEstimateBytes,
        Clustering clustering,
        Cleaning cleaning,
        Compaction compaction) {

    /**
     * Hudi's own sizes, a 128 MB target, clustering every 10 commits, 10 commits kept for time travel and incremental
     * readers, merge-on-read tables compacted inline every 5 delta commits.
     */
    public static final FileSizing DEFAULTS =
            new FileSizing(128, 100, 1024, Clustering.DEFAULTS, Cleaning.DEFAULTS, Compaction.DEFAULTS);

    public FileSizing {
        requireNonNull(clustering, "clustering is null");
        requireNonNull(cleaning, "cleaning is null");
        requireNonNull(compaction, "compaction is null");
    }

    /** These sizes with {@code newCompaction}. */
    public FileSizing withCompaction(Compaction newCompaction) {
        return new FileSizing(
                maxFileSizeMb, smallFileLimitMb, recordSizeEstimateBytes, clustering, cleaning, newCompaction);
    }

    /** Sizes with the default {@link Compaction}. */
    public FileSizing(
            int maxFileSizeMb,
            int smallFileLimitMb,
            int recordSizeEstimateBytes,
            Clustering clustering,
            Cleaning cleaning) {
        this(maxFileSizeMb, smallFileLimitMb, recordSizeEstimateBytes, clustering, cleaning, Compaction.DEFAULTS);
    }

    /**
     * Inline clustering: every {@code everyCommits} commits, the writer rewrites the file slices smaller than
     * {@code smallFileLimitMb} of each partition into files of up to {@code targetFileSizeMb}.
     */
    public record Clustering(boolean enabled, int everyCommits, int smallFileLimitMb, int targetFileSizeMb) {
        public static final Clustering DEFAULTS = new Clustering(true, 10, 100, 128);
    }

    /**
     * The cleaner removes file versions no longer needed by the last {@code commitsRetained} commits (time travel and
     * incremental reads reach back that far); the archiver moves old instants out of the active timeline, keeping
     * between {@code keepMinCommits} and {@code keepMaxCommits}.
     */
    public record Cleaning(boolean enabled, int commitsRetained, int keepMinCommits, int keepMaxCommits) {
        public static final Cleaning DEFAULTS = new Cleaning(true, 10, 20, 30);
    }

    /**
     * How the merge-on-read tables of the pipeline fold their log files into new base files (copy-on-write tables have
     * nothing to compact). Every {@code everyDeltaCommits} delta commits a compaction is planned; {@link Mode#INLINE}
     * runs it in the writer right after the delta commit that planned it, {@link Mode#SCHEDULED} leaves it to the end of
     * the apply cycle, after every batch of the cycle committed.
     */
    public record Compaction(Mode mode, int everyDeltaCommits) {
        public static final Compaction DEFAULTS = new Compaction(Mode.INLINE, 5);

        public Compaction {
            requireNonNull(mode, "mode is null");
            if (everyDeltaCommits < 1) {
                throw new IllegalArgumentException(
                        "Invalid compaction every_delta_commits: " + everyDeltaCommits + "; expected at least 1");
            }
        }

        /** {@code file_sizing.compaction.mode}. */
        public enum Mode {
            /** In the writer ({@code hoodie.compact.inline}): the delta commit's batch waits for the compaction. */
            INLINE,
            /**
             * Planned by the writer ({@code hoodie.compact.schedule.inline}), run by the apply step once its cycle's
             * batches have committed: no batch waits for a compaction.
             */
            SCHEDULED;

            @Override
            public String toString() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
