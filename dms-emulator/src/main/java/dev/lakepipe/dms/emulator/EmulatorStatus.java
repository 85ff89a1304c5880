package dev.lakepipe.dms.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What a running emulator reports in {@code <state dir>/status.json}: its lifecycle state, and per
 * table the files and rows published, the commit time of the last published change, the rows
 * waiting for the next file and the lag (seconds since the oldest waiting change committed).
 */
public record EmulatorStatus(
        String state,
        long pid,
        String startedAt,
        String updatedAt,
        String slotName,
        String bronzeRoot,
        String error,
        List<TableStatus> tables) {

    public static final String FILE_NAME = "status.json";
    private static final ObjectMapper MAPPER = Json.PRETTY;

    public EmulatorStatus {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public record TableStatus(
            String table,
            long files,
            long rows,
            long ignoredChanges,
            String lastFile,
            String lastChangeCommitTime,
            long pendingRows,
            double lagSeconds) {}

    /** Writes the status atomically (temp file, then rename). */
    void write(Path stateDirectory) {
        var target = stateDirectory.resolve(FILE_NAME);
        var temp = stateDirectory.resolve("." + FILE_NAME + ".tmp");
        try {
            Files.write(temp, MAPPER.writeValueAsBytes(this));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write emulator status " + target, e);
        }
    }

    public static Optional<EmulatorStatus> read(Path stateDirectory) {
        var file = stateDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), EmulatorStatus.class));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read emulator status " + file + "; delete it, the emulator rewrites it", e);
        }
    }
}
