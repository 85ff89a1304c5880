package dev.lakepipe.util;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Operations on whole folder trees. */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    public static void deleteRecursively(Path root) {
        requireNonNull(root, "root is null");
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete the folder " + root, e);
        }
    }
}
