package dev.lakepipe.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes snapshots to {@code file://} locations (the local artifacts bucket), atomically. */
public final class FileSnapshotStore implements SnapshotStore {

    @Override
    public void write(URI location, String snapshotJson) {
        if (!"file".equals(location.getScheme())) {
            throw new LakepipeException(
                    "Invalid snapshot location: %s; the local store writes file:// URIs only", location);
        }
        Path target = Path.of(location);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(
                    target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(temporary, snapshotJson, UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write runtime config snapshot " + target, e);
        }
    }
}
