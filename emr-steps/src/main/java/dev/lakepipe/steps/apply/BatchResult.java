package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One committed batch: how many files and change rows went into which Hudi instant, when, and the checkpoint after it. */
public record BatchResult(int files, long changes, String instant, Instant committedAt, ApplyCheckpoint checkpoint) {

    public BatchResult {
        requireNonNull(instant, "instant is null");
        requireNonNull(committedAt, "committedAt is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }
}
