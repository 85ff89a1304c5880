package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import java.time.Instant;

/**
 * What DMS knows about a change besides the row: its operation, its transaction's commit time and
 * commit LSN, and its position in the task's change stream.
 *
 * @param position the {@code AR_H_CHANGE_SEQ} counter: commit LSN × 1,000,000 + the change's
 *     1-based index in its transaction. Increases in commit order, unique per change, and the same
 *     every time the change is delivered again, so it is also the resume/dedupe position.
 */
record ChangeHeader(ChangeOperation operation, Instant commitTime, long commitLsn, long changeLsn, long position) {
    static final long MAX_CHANGES_PER_TRANSACTION = 999_999;
    static final long MAX_COMMIT_LSN = 9_999_999_999_999L;

    ChangeHeader {
        requireNonNull(operation, "operation is null");
        requireNonNull(commitTime, "commitTime is null");
    }

    static long position(long commitLsn, long indexInTransaction) {
        if (indexInTransaction < 1 || indexInTransaction > MAX_CHANGES_PER_TRANSACTION) {
            throw new LakepipeException(
                    "Cannot number change %d of the transaction committed at LSN %s: the emulator's "
                            + "AR_H_CHANGE_SEQ holds at most %d changes per transaction; split the transaction",
                    indexInTransaction, Lsn.format(commitLsn), MAX_CHANGES_PER_TRANSACTION);
        }
        if (commitLsn < 0 || commitLsn > MAX_COMMIT_LSN) {
            throw new LakepipeException(
                    "Cannot number changes at LSN %s: the emulator's AR_H_CHANGE_SEQ holds LSNs up to %s; "
                            + "start from a new cluster",
                    Lsn.format(commitLsn), Lsn.format(MAX_COMMIT_LSN));
        }
        return commitLsn * (MAX_CHANGES_PER_TRANSACTION + 1) + indexInTransaction;
    }

    ChangeSequence changeSequence() {
        return new ChangeSequence(commitTime, position);
    }
}
