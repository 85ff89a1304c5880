package dev.lakepipe.steps.describe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code lakepipe tables describe} shows about one Hudi table.
 *
 * @param latest the files of the latest file slices: what a snapshot query reads
 * @param onStorage every data file under the table, older versions the cleaner has not removed yet included
 * @param commits completed commits (commit, delta commit, replace commit) on the active timeline
 * @param newestAppliedChange the source commit time of the newest change the CDC apply wrote (its checkpoint)
 * @param pendingChanges the table's change files not applied yet; empty when the catalog entry names no change folder (gold)
 * @param applyStatus the apply job's status file, when there is one
 */
public record TableFacts(
        CatalogEntry entry,
        FileStats latest,
        FileStats onStorage,
        int commits,
        Optional<String> lastCommit,
        Optional<String> lastClean,
        Optional<String> lastClustering,
        Optional<Instant> newestAppliedChange,
        Optional<PendingChanges> pendingChanges,
        Optional<ObjectNode> applyStatus,
        Instant describedAt) {

    private static final ObjectMapper JSON = Json.MAPPER;

    public TableFacts {
        requireNonNull(entry, "entry is null");
        requireNonNull(latest, "latest is null");
        requireNonNull(onStorage, "onStorage is null");
        requireNonNull(lastCommit, "lastCommit is null");
        requireNonNull(lastClean, "lastClean is null");
        requireNonNull(lastClustering, "lastClustering is null");
        requireNonNull(newestAppliedChange, "newestAppliedChange is null");
        requireNonNull(pendingChanges, "pendingChanges is null");
        requireNonNull(applyStatus, "applyStatus is null");
        requireNonNull(describedAt, "describedAt is null");
    }

    /** The newest change in the table's CDC files, applied or pending: the newest pending one, else the newest applied one. */
    public Optional<Instant> newestCapturedChange() {
        return pendingChanges.flatMap(PendingChanges::newestChange).or(() -> newestAppliedChange);
    }

    /**
     * Seconds by which the applied state is behind the newest captured change: 0 when no change file is pending (however
     * quiet the source), else the newest pending change's source commit time minus the newest applied one's. Empty when
     * it cannot be told: no change folder, or changes pending but none applied yet.
     */
    public Optional<Double> lagSeconds() {
        if (pendingChanges.isEmpty()) {
            return Optional.empty();
        }
        var newestPending = pendingChanges.get().newestChange();
        if (newestPending.isEmpty()) {
            return Optional.of(0.0);
        }
        return newestAppliedChange.map(applied ->
                Math.max(0, Duration.between(applied, newestPending.get()).toMillis()) / 1000.0);
    }

    public String toText() {
        var lines = new StringBuilder();
        line(
                lines,
                "table",
                entry.database() + "." + entry.table() + " (" + entry.tableType() + ", source " + entry.sourceTable()
                        + ")");
        line(lines, "location", entry.location());
        line(lines, "files (latest)", files(latest) + "  <- what a query reads");
        line(lines, "files (storage)", files(onStorage) + "  <- with versions kept for time travel");
        line(
                lines,
                "commits",
                commits + " on the active timeline"
                        + lastCommit.map(last -> ", last " + last).orElse(""));
        line(lines, "last cleaner run", lastClean.orElse("never"));
        line(lines, "last clustering", lastClustering.orElse("never"));
        line(lines, "lag behind CDC", lagText());
        applyStatus.ifPresent(status -> line(
                lines,
                "last apply",
                status.path("state").asText() + " at "
                        + status.path("updated_at").asText()
                        + ", " + status.path("pending_files").asInt() + " change files pending"
                        + (status.has("lag_seconds")
                                ? ", lag " + status.get("lag_seconds").asText() + " s then"
                                : "")));
        return lines.toString();
    }

    private String lagText() {
        if (pendingChanges.isEmpty()) {
            return "unknown (no CDC change folder for this table in the catalog)";
        }
        var pending = pendingChanges.get();
        var applied = newestAppliedChange.map(time -> "newest applied change committed at the source " + time);
        var lag = lagSeconds().map(seconds -> String.format(Locale.ROOT, "%.1f s", seconds));
        if (pending.files() == 0) {
            return lag.orElseThrow() + " (caught up: no change file pending; "
                    + applied.orElse("no CDC change captured yet") + ")";
        }
        var files = pending.files() + (pending.files() == 1 ? " change file" : " change files") + " pending";
        if (lag.isEmpty()) {
            return "unknown (" + files + ", none applied yet)";
        }
        return lag.get() + " (" + files + "; newest captured change committed at the source "
                + newestCapturedChange().map(Instant::toString).orElse("none") + ", "
                + applied.orElse("no change applied yet") + ")";
    }

    public String toJson() {
        var node = JSON.createObjectNode();
        node.put("database", entry.database());
        node.put("table", entry.table());
        node.put("table_type", entry.tableType());
        node.put("source_table", entry.sourceTable());
        node.put("location", entry.location());
        node.set("latest_files", files(latest, JSON.createObjectNode()));
        node.set("storage_files", files(onStorage, JSON.createObjectNode()));
        node.put("commits", commits);
        lastCommit.ifPresent(value -> node.put("last_commit", value));
        lastClean.ifPresent(value -> node.put("last_clean", value));
        lastClustering.ifPresent(value -> node.put("last_clustering", value));
        newestAppliedChange.ifPresent(value -> node.put("newest_applied_change", value.toString()));
        newestCapturedChange().ifPresent(value -> node.put("newest_captured_change", value.toString()));
        pendingChanges.ifPresent(pending -> node.put("pending_change_files", pending.files()));
        lagSeconds().ifPresent(value -> node.put("lag_seconds", value));
        applyStatus.ifPresent(status -> node.set("apply_status", status));
        node.put("described_at", describedAt.toString());
        return node.toString();
    }

    private static String files(FileStats stats) {
        return stats.count() + " files, average " + FileStats.human(stats.averageBytes()) + ", smallest "
                + FileStats.human(stats.smallestBytes()) + ", total " + FileStats.human(stats.totalBytes());
    }

    private static ObjectNode files(FileStats stats, ObjectNode node) {
        return node.put("count", stats.count())
                .put("average_bytes", stats.averageBytes())
                .put("smallest_bytes", stats.smallestBytes())
                .put("total_bytes", stats.totalBytes());
    }

    private static void line(StringBuilder lines, String name, String value) {
        lines.append(String.format("%-18s %s%n", name, value));
    }
}
