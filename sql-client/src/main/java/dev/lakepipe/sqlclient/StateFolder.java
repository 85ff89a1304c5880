package dev.lakepipe.sqlclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** lakepipe's local state folder, and the catalog folder in it that the pipelines keep. */
public final class StateFolder {

    /** The state folder when neither {@code lakepipe.home} nor {@code LAKEPIPE_HOME} is set, in the working directory. */
    public static final String DEFAULT = ".lakepipe";

    private StateFolder() {}

    /** {@code -Dlakepipe.home}, else {@code $LAKEPIPE_HOME}, else {@link #DEFAULT}. */
    public static Path resolve() {
        var property = System.getProperty("lakepipe.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        var environment = System.getenv("LAKEPIPE_HOME");
        return Path.of(environment == null || environment.isBlank() ? DEFAULT : environment);
    }

    /** The local catalog folder of {@code home}: one folder a Glue database, Trino's file metastore. */
    public static Path catalog(Path home) {
        return home.resolve("catalog").toAbsolutePath();
    }

    /** False for a catalog written before the Trino metastore existed: it has only the JSON entries. */
    public static boolean hasTrinoMetastore(Path catalog) throws IOException {
        try (Stream<Path> files = Files.list(catalog)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".trinoSchema"));
        }
    }

    /** The one Glue database of the catalog, the session's default as the database chosen in Athena's console. */
    public static Optional<String> defaultDatabase(Path catalog) throws IOException {
        try (Stream<Path> entries = Files.list(catalog)) {
            var databases = entries.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .toList();
            return databases.size() == 1 ? Optional.of(databases.get(0)) : Optional.empty();
        }
    }
}
