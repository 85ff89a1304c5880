package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.deploy.StackNames;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.secrets.LocalSecretsFile;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local Secrets Manager: {@code $LAKEPIPE_HOME/secrets.json}, one RDS-style secret per name,
 * readable by its owner only (mode 600). Writes replace the file atomically and keep secrets of
 * other names.
 */
public final class SecretsFile {

    /** The names a stack of use case tpcc creates; the local secrets have the same names. */
    public static final StackNames NAMES = new StackNames("tpcc");
    /** The secret the Spark jobs (jdbc_load, verify) read the source with. */
    public static final String SPARK_SECRET = NAMES.sparkSecret();
    /** The secret the DMS task (and its local emulator) replicates the source with. */
    public static final String DMS_SECRET = NAMES.dmsSecret();

    private static final ObjectMapper MAPPER = Json.PRETTY;

    private final Path path;

    public SecretsFile(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    public Path path() {
        return path;
    }

    /** All secrets in the file; empty when the file does not exist. */
    public Map<String, DatabaseSecret> readAll() {
        var secrets = new TreeMap<String, DatabaseSecret>();
        LocalSecretsFile.read(path)
                .secrets()
                .forEach((name, json) -> secrets.put(name, DatabaseSecret.fromJson(name, json)));
        return Map.copyOf(secrets);
    }

    public Optional<DatabaseSecret> read(String name) {
        return Optional.ofNullable(readAll().get(name));
    }

    /** Adds or replaces the given secrets, keeping the others. */
    public void write(Map<String, DatabaseSecret> secrets) {
        var merged = new TreeMap<>(readAll());
        merged.putAll(secrets);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            var temporary = Files.createTempFile(
                    path.toAbsolutePath().getParent(),
                    ".secrets",
                    ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            MAPPER.writeValue(temporary.toFile(), merged);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SourceException(e, "Failed to write secrets file %s: %s", path, e.getMessage());
        }
    }
}
