package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Remembers the embedded server's port ({@code $LAKEPIPE_HOME/postgres.port}) so a resumed demo keeps its URLs. */
final class PortFile {

    private final Path path;

    PortFile(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    Optional<Integer> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            var text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            throw new SourceException(
                    e, "Invalid port file %s: %s (delete it to pick a new port)", path, e.getMessage());
        }
    }

    void write(int port) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, port + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SourceException(e, "Failed to write port file %s: %s", path, e.getMessage());
        }
    }
}
