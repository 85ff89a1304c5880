package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

/** One committed batch: how many files and change rows went into which Hudi instant, and the checkpoint after it. */
public record BatchResult(int files, long changes, String instant, ApplyCheckpoint checkpoint) {

    public BatchResult {
        requireNonNull(instant, "instant is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }
}
