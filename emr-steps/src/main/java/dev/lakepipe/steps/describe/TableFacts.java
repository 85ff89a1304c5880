package dev.lakepipe.steps.describe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.steps.catalog.CatalogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code lakepipe tables describe} shows about one Hudi table.
 *
 * @param latest the files of the latest file slices: what a snapshot query reads
 * @param onStorage every data file under the table, older versions the cleaner has not removed yet included
 * @param commits completed commits (commit, delta commit, replace commit) on the active timeline
 * @param newestAppliedChange the source commit time of the newest change the CDC apply wrote (its checkpoint)
 * @param applyStatus the apply job's status file, when there is one
 */
public record TableFacts(CatalogEntry entry, FileStats latest, FileStats onStorage, int commits, Optional<String> lastCommit,
        Optional<String> lastClean, Optional<String> lastClustering, Optional<Instant> newestAppliedChange,
        Optional<ObjectNode> applyStatus, Instant describedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TableFacts {
        requireNonNull(entry, "entry is null");
        requireNonNull(latest, "latest is null");
        requireNonNull(onStorage, "onStorage is null");
        requireNonNull(lastCommit, "lastCommit is null");
        requireNonNull(lastClean, "lastClean is null");
        requireNonNull(lastClustering, "lastClustering is null");
        requireNonNull(newestAppliedChange, "newestAppliedChange is null");
        requireNonNull(applyStatus, "applyStatus is null");
        requireNonNull(describedAt, "describedAt is null");
    }

    /** Seconds from the newest applied change's source commit to now: how far the table is behind the source at most. */
    public Optional<Double> lagSeconds() {
        return newestAppliedChange.map(commit -> Duration.between(commit, describedAt).toMillis() / 1000.0);
    }

    public String toText() {
        var lines = new StringBuilder();
        line(lines, "table", entry.database() + "." + entry.table() + " (" + entry.tableType() + ", source " + entry.sourceTable() + ")");
        line(lines, "location", entry.location());
        line(lines, "files (latest)", files(latest) + "  <- what a query reads");
        line(lines, "files (storage)", files(onStorage) + "  <- with versions kept for time travel");
        line(lines, "commits", commits + " on the active timeline" + lastCommit.map(last -> ", last " + last).orElse(""));
        line(lines, "last cleaner run", lastClean.orElse("never"));
        line(lines, "last clustering", lastClustering.orElse("never"));
        line(lines, "lag behind source", newestAppliedChange
                .map(time -> String.format(java.util.Locale.ROOT, "%.1f s (newest applied change committed at the source %s)", lagSeconds().orElseThrow(), time))
                .orElse("unknown (no CDC change applied yet)"));
        applyStatus.ifPresent(status -> line(lines, "last apply", status.path("state").asText() + " at " + status.path("updated_at").asText()
                + ", " + status.path("pending_files").asInt() + " change files pending"
                + (status.has("lag_seconds") ? ", lag " + status.get("lag_seconds").asText() + " s then" : "")));
        return lines.toString();
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
        lagSeconds().ifPresent(value -> node.put("lag_seconds", value));
        applyStatus.ifPresent(status -> node.set("apply_status", status));
        node.put("described_at", describedAt.toString());
        return node.toString();
    }

    private static String files(FileStats stats) {
        return stats.count() + " files, average " + FileStats.human(stats.averageBytes()) + ", smallest " + FileStats.human(stats.smallestBytes())
                + ", total " + FileStats.human(stats.totalBytes());
    }

    private static ObjectNode files(FileStats stats, ObjectNode node) {
        return node.put("count", stats.count()).put("average_bytes", stats.averageBytes()).put("smallest_bytes", stats.smallestBytes())
                .put("total_bytes", stats.totalBytes());
    }

    private static void line(StringBuilder lines, String name, String value) {
        lines.append(String.format("%-18s %s%n", name, value));
    }
}
