package dev.lakepipe.dms.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Counters of one table since the emulator started; read by the status file writer. */
final class TableStats {
    private final String table;
    private long files;
    private long rows;
    private long ignoredChanges;
    private long redelivered;
    private String lastFile;
    private Instant lastChangeCommitTime;
    private long pendingRows;
    private Instant oldestPendingCommitTime;

    TableStats(String table) {
        this.table = table;
    }

    synchronized void buffered(Instant commitTime) {
        if (pendingRows++ == 0) {
            oldestPendingCommitTime = commitTime;
        }
    }

    synchronized void published(Path file, int count, Instant lastCommitTime) {
        files++;
        rows += count;
        pendingRows = 0;
        oldestPendingCommitTime = null;
        lastFile = file.toString();
        lastChangeCommitTime = lastCommitTime;
    }

    /** Counts a change dropped because a published file has it already; returns the count before. */
    synchronized long redelivered() {
        return redelivered++;
    }

    synchronized void ignored() {
        ignoredChanges++;
    }

    synchronized EmulatorStatus.TableStatus snapshot(Instant now) {
        double lag = oldestPendingCommitTime == null
                ? 0
                : Math.max(0, Duration.between(oldestPendingCommitTime, now).toMillis() / 1000.0);
        return new EmulatorStatus.TableStatus(
                table,
                files,
                rows,
                ignoredChanges,
                lastFile,
                lastChangeCommitTime == null ? null : lastChangeCommitTime.toString(),
                pendingRows,
                lag);
    }
}
