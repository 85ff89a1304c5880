package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The apply checkpoint a reload's commit carries (docs/operations.md, "Reloading one table"). The reload replaces the
 * silver rows with the image of a fresh snapshot whose handoff is {@code trx_seq} F; the changes the apply had already
 * applied above F are gone with the old rows, so the apply must read their files again. It resumes from the newest
 * earlier checkpoint whose {@code newest_change_seq} (the greatest {@code trx_seq} of every file it covers) is at or
 * below F: every change it covers is in the snapshot, every change above F is in a file it does not cover. The apply
 * drops changes at or below F, so reading a file twice changes nothing.
 */
public final class ReloadCheckpoint {

    private ReloadCheckpoint() {}

    /**
     * The checkpoint to resume from after a reload with handoff {@code handoffSeq}, given the table's checkpoints newest
     * first; empty when none was ever written (the apply then reads every file, as after a first seed). When no
     * checkpoint is at or below the handoff (each is newer, or older ones were archived, or one predates
     * {@code newest_change_seq}), the apply reads every file again: {@link ApplyCheckpoint#nothingApplied()}.
     */
    public static Optional<ApplyCheckpoint> resumeFrom(List<ApplyCheckpoint> newestFirst, String handoffSeq) {
        requireNonNull(handoffSeq, "handoffSeq is null");
        if (newestFirst.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(newestFirst.stream()
                .filter(checkpoint -> checkpoint
                        .newestChangeSeq()
                        .filter(seq -> seq.compareTo(handoffSeq) <= 0)
                        .isPresent())
                .findFirst()
                .orElseGet(ApplyCheckpoint::nothingApplied));
    }
}
