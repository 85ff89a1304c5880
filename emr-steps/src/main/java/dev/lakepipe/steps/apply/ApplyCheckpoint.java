package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the apply job has consumed, stored in the extra metadata of the Hudi commit that applied it (so the
 * data and the checkpoint commit atomically). Files are applied strictly in {@link ChangeFile#ORDER}, so
 * {@code lastFile} identifies the applied set: every file at or before it. {@code files} lists the files of
 * this commit (for audit), {@code newestChangeSeq} is the largest {@code trx_seq} applied so far.
 *
 * <p>JSON: {@code {"version":1,"last_file":"2026/11/23/20261123-113012345.parquet","files":[...],
 * "applied_files_total":42,"newest_change_seq":"2026112311301200..."}}; paths relative to the table's
 * incremental folder.
 */
public record ApplyCheckpoint(String lastFile, List<String> files, long appliedFilesTotal, Optional<String> newestChangeSeq) {

    /** Commit metadata key; starts with {@code _} so Hudi copies the write option into the commit. */
    public static final String COMMIT_METADATA_KEY = "_lakepipe.cdc.checkpoint";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = Json.MAPPER;

    public ApplyCheckpoint {
        requireNonNull(lastFile, "lastFile is null");
        files = List.copyOf(files);
        requireNonNull(newestChangeSeq, "newestChangeSeq is null");
    }

    /** True when {@code file} was applied by this or an earlier commit. */
    public boolean covers(ChangeFile file) {
        return !file.isAfter(lastFile);
    }

    /** The checkpoint after applying {@code batch} (in order) on top of {@code previous}. */
    public static ApplyCheckpoint after(Optional<ApplyCheckpoint> previous, List<ChangeFile> batch, Optional<String> batchNewestSeq) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch is empty");
        }
        var total = previous.map(ApplyCheckpoint::appliedFilesTotal).orElse(0L) + batch.size();
        var newest = max(previous.flatMap(ApplyCheckpoint::newestChangeSeq), batchNewestSeq);
        var names = batch.stream().map(ChangeFile::relativePath).toList();
        return new ApplyCheckpoint(names.get(names.size() - 1), names, total, newest);
    }

    private static Optional<String> max(Optional<String> left, Optional<String> right) {
        if (left.isEmpty()) {
            return right;
        }
        if (right.isEmpty()) {
            return left;
        }
        return left.get().compareTo(right.get()) >= 0 ? left : right;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("last_file", lastFile);
        files.forEach(node.putArray("files")::add);
        node.put("applied_files_total", appliedFilesTotal);
        newestChangeSeq.ifPresent(seq -> node.put("newest_change_seq", seq));
        return node.toString();
    }

    /** Parses {@link #toJson()}; {@code source} names where the JSON came from (commit instant) for the error. */
    public static ApplyCheckpoint fromJson(String json, String source) {
        try {
            var node = JSON.readTree(json);
            if (node == null || node.path("version").asInt() != VERSION || !node.hasNonNull("last_file")) {
                throw new LakepipeException("Invalid apply checkpoint in %s: %s; expected version %d with last_file", source, json, VERSION);
            }
            var files = new ArrayList<String>();
            node.path("files").forEach(file -> files.add(file.asText()));
            var seq = node.hasNonNull("newest_change_seq") ? Optional.of(node.get("newest_change_seq").asText()) : Optional.<String>empty();
            return new ApplyCheckpoint(node.get("last_file").asText(), files, node.path("applied_files_total").asLong(), seq);
        }
        catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Invalid apply checkpoint in %s: %s", source, json);
        }
    }
}
