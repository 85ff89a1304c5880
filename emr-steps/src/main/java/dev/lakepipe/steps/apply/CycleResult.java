package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** What one apply cycle of a table did: the batches it committed and the checkpoint it ended on. */
public record CycleResult(
        String table, List<BatchResult> batches, Optional<ApplyCheckpoint> checkpoint, int pendingFiles) {

    public CycleResult {
        requireNonNull(table, "table is null");
        batches = List.copyOf(batches);
        requireNonNull(checkpoint, "checkpoint is null");
    }

    public int files() {
        return batches.stream().mapToInt(BatchResult::files).sum();
    }

    public long changes() {
        return batches.stream().mapToLong(BatchResult::changes).sum();
    }
}
