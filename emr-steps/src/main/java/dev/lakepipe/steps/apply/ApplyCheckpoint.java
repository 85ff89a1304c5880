package dev.lakepipe.steps.apply;

import static java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the apply job has consumed, stored in the extra metadata of the Hudi commit that applied it (so the
 * data and the checkpoint commit atomically). {@code lastFile} is the newest file applied in {@link ChangeFile#ORDER};
 * {@code files} lists the files of this commit (for audit), {@code newestChangeSeq} is the largest {@code trx_seq}
 * applied so far.
 *
 * <p>A file can appear after newer ones were applied (DR replication, a delayed or retried upload, a restored file), so
 * "at or before lastFile" does not mean applied. {@code recentFiles} names every applied file whose name is after
 * {@code horizon}; a file at or before the horizon counts as applied. The horizon is the start of the day before the
 * day of {@code lastFile} (file names start with {@code yyyyMMdd}), so the set holds one to two days of files and a file
 * up to a day late is found ({@link #covers}). Checkpoints written before the set existed have no horizon: for them
 * every file up to {@code lastFile} counts as applied.
 *
 * <p>JSON: {@code {"version":1,"last_file":"2026/11/23/20261123-113012345.parquet","files":[...],
 * "applied_files_total":42,"newest_change_seq":"2026112311301200...","horizon":"20261122","recent_files":[...]}};
 * paths relative to the table's incremental folder.
 */
public record ApplyCheckpoint(
        String lastFile,
        List<String> files,
        long appliedFilesTotal,
        Optional<String> newestChangeSeq,
        Optional<String> horizon,
        Set<String> recentFiles) {

    /** Commit metadata key; starts with {@code _} so Hudi copies the write option into the commit. */
    public static final String COMMIT_METADATA_KEY = "_lakepipe.cdc.checkpoint";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = Json.MAPPER;

    public ApplyCheckpoint {
        requireNonNull(lastFile, "lastFile is null");
        files = List.copyOf(files);
        requireNonNull(newestChangeSeq, "newestChangeSeq is null");
        requireNonNull(horizon, "horizon is null");
        recentFiles = Collections.unmodifiableSortedSet(new TreeSet<>(recentFiles));
    }

    /** A checkpoint as written before applied files were recorded: every file up to {@code lastFile} counts as applied. */
    public ApplyCheckpoint(
            String lastFile, List<String> files, long appliedFilesTotal, Optional<String> newestChangeSeq) {
        this(lastFile, files, appliedFilesTotal, newestChangeSeq, Optional.empty(), Set.of());
    }

    /**
     * The checkpoint of a table to which no change file has been applied (a reload that found no earlier position safe
     * to resume from, {@link ReloadCheckpoint}): it covers no file.
     */
    public static ApplyCheckpoint nothingApplied() {
        return new ApplyCheckpoint("", List.of(), 0, Optional.empty(), Optional.empty(), Set.of());
    }

    /** True when {@code file} was applied by this or an earlier commit. */
    public boolean covers(ChangeFile file) {
        if (file.isAfter(lastFile)) {
            return false;
        }
        return horizon.map(bound -> file.name().compareTo(bound) <= 0 || recentFiles.contains(file.relativePath()))
                .orElse(true);
    }

    /** True when {@code file} was not applied although a newer file was: it arrived late. */
    public boolean isLate(ChangeFile file) {
        return !covers(file) && !file.isAfter(lastFile);
    }

    /** The checkpoint after applying {@code batch} (in order; it may repeat applied files) on top of {@code previous}. */
    public static ApplyCheckpoint after(
            Optional<ApplyCheckpoint> previous, List<ChangeFile> batch, Optional<String> batchNewestSeq) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch is empty");
        }
        var added = batch.stream()
                .filter(file -> previous.map(applied -> !applied.covers(file)).orElse(true))
                .count();
        var total = previous.map(ApplyCheckpoint::appliedFilesTotal).orElse(0L) + added;
        var newest = max(previous.flatMap(ApplyCheckpoint::newestChangeSeq), batchNewestSeq);
        var names = batch.stream().map(ChangeFile::relativePath).toList();
        var batchLast = batch.get(batch.size() - 1);
        var last = previous.map(ApplyCheckpoint::lastFile)
                .filter(lastFile -> !batchLast.isAfter(lastFile))
                .orElse(batchLast.relativePath());
        var horizon = horizon(previous, last);
        var recent = new TreeSet<String>();
        previous.ifPresent(applied -> recent.addAll(applied.recentFiles()));
        recent.addAll(names);
        recent.removeIf(path -> ChangeFile.nameOf(path).compareTo(horizon) <= 0);
        return new ApplyCheckpoint(last, names, total, newest, Optional.of(horizon), recent);
    }

    /**
     * The start of the day before {@code last}'s day; never lower than the previous horizon, nor than the previous last
     * file of a checkpoint without a horizon (what it applied is not recorded, only that it reached that file).
     */
    private static String horizon(Optional<ApplyCheckpoint> previous, String last) {
        var name = ChangeFile.nameOf(last);
        var dayBefore = LocalDate.parse(name.substring(0, 8), BASIC_ISO_DATE)
                .minusDays(1)
                .format(BASIC_ISO_DATE);
        var floor = previous.map(applied -> applied.horizon().orElse(ChangeFile.nameOf(applied.lastFile())))
                .orElse(dayBefore);
        return floor.compareTo(dayBefore) > 0 ? floor : dayBefore;
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
        horizon.ifPresent(bound -> node.put("horizon", bound));
        if (horizon.isPresent()) {
            recentFiles.forEach(node.putArray("recent_files")::add);
        }
        return node.toString();
    }

    /** Parses {@link #toJson()}; {@code source} names where the JSON came from (commit instant) for the error. */
    public static ApplyCheckpoint fromJson(String json, String source) {
        try {
            var node = JSON.readTree(json);
            if (node == null || node.path("version").asInt() != VERSION || !node.hasNonNull("last_file")) {
                throw new LakepipeException(
                        "Invalid apply checkpoint in %s: %s; expected version %d with last_file",
                        source, json, VERSION);
            }
            var files = new ArrayList<String>();
            node.path("files").forEach(file -> files.add(file.asText()));
            var seq = node.hasNonNull("newest_change_seq")
                    ? Optional.of(node.get("newest_change_seq").asText())
                    : Optional.<String>empty();
            var horizon =
                    node.hasNonNull("horizon") ? Optional.of(node.get("horizon").asText()) : Optional.<String>empty();
            var recent = new TreeSet<String>();
            node.path("recent_files").forEach(file -> recent.add(file.asText()));
            return new ApplyCheckpoint(
                    node.get("last_file").asText(),
                    files,
                    node.path("applied_files_total").asLong(),
                    seq,
                    horizon,
                    recent);
        } catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Invalid apply checkpoint in %s: %s", source, json);
        }
    }
}
