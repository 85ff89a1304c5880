package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-table status file of the apply job, rewritten after every cycle. {@code lag_seconds} is the time
 * between the source commit of the newest applied change (from its {@code trx_seq}) and the end of the cycle;
 * on a table without new changes it keeps growing, so read it together with {@code pending_files}.
 */
public record ApplyStatus(
        String table,
        String mode,
        String state,
        Instant updatedAt,
        long cycle,
        int filesAppliedLastCycle,
        long changesAppliedLastCycle,
        long filesAppliedTotal,
        int pendingFiles,
        Optional<String> lastFile,
        Optional<Instant> newestAppliedCommitTime) {

    private static final ObjectMapper JSON = Json.MAPPER;

    public ApplyStatus {
        requireNonNull(table, "table is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(state, "state is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(lastFile, "lastFile is null");
        requireNonNull(newestAppliedCommitTime, "newestAppliedCommitTime is null");
    }

    static ApplyStatus of(CycleResult result, String mode, String state, long cycle, Instant now) {
        var checkpoint = result.checkpoint();
        return new ApplyStatus(
                result.table(),
                mode,
                state,
                now,
                cycle,
                result.files(),
                result.changes(),
                checkpoint.map(ApplyCheckpoint::appliedFilesTotal).orElse(0L),
                result.pendingFiles(),
                checkpoint.map(ApplyCheckpoint::lastFile),
                checkpoint
                        .flatMap(ApplyCheckpoint::newestChangeSeq)
                        .map(seq -> ChangeSequence.parse(seq).commitTime()));
    }

    /** Seconds from the newest applied change's source commit to {@link #updatedAt}, when a change was applied. */
    public Optional<Double> lagSeconds() {
        return newestAppliedCommitTime.map(
                commit -> Duration.between(commit, updatedAt).toMillis() / 1000.0);
    }

    public String toJson() {
        var node = JSON.createObjectNode();
        node.put("table", table);
        node.put("mode", mode);
        node.put("state", state);
        node.put("updated_at", updatedAt.toString());
        node.put("cycle", cycle);
        node.put("files_applied_last_cycle", filesAppliedLastCycle);
        node.put("changes_applied_last_cycle", changesAppliedLastCycle);
        node.put("files_applied_total", filesAppliedTotal);
        node.put("pending_files", pendingFiles);
        lastFile.ifPresent(file -> node.put("last_file", file));
        newestAppliedCommitTime.ifPresent(time -> node.put("newest_applied_commit_time", time.toString()));
        lagSeconds().ifPresent(lag -> node.put("lag_seconds", lag));
        return node.toString();
    }
}
