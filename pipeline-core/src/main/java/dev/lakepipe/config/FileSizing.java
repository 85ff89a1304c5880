package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code file_sizing} of a {@code pipeline::system::incremental_hudi} or {@code continuous_hudi} item: how the upserts of
 * that pipeline size, cluster and clean the silver Hudi files (docs/configs.md, "File sizes"). It is per pipeline because
 * the pipeline decides the write pattern: many small continuous commits need clustering sooner than hourly batches.
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
        Cleaning cleaning) {

    /** Hudi's own sizes, a 128 MB target, clustering every 10 commits, 10 commits kept for time travel and incremental readers. */
    public static final FileSizing DEFAULTS = new FileSizing(128, 100, 1024, Clustering.DEFAULTS, Cleaning.DEFAULTS);

    public FileSizing {
        requireNonNull(clustering, "clustering is null");
        requireNonNull(cleaning, "cleaning is null");
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
}
