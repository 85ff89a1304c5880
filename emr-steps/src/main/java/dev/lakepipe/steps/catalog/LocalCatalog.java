package dev.lakepipe.steps.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local Glue Data Catalog: one JSON file per table under {@code <root>/<database>/<table>.json},
 * written atomically (temp file + rename) so a reader never sees half an entry.
 */
public final class LocalCatalog {

    /** The value of the snapshot's {@code environment.catalog} on AWS. */
    public static final String GLUE = "glue";

    private static final ObjectMapper JSON = Json.PRETTY;

    private final Path root;

    public LocalCatalog(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** The local catalog of {@code environment.catalog} ({@code file:///…/catalog}), or empty for {@code glue}. */
    public static Optional<LocalCatalog> forLocation(String location) {
        if (GLUE.equals(location)) {
            return Optional.empty();
        }
        if (location == null || !location.startsWith("file:")) {
            throw new LakepipeException("Invalid catalog location: '%s'; expected glue or file:///…/catalog", location);
        }
        return Optional.of(new LocalCatalog(Path.of(URI.create(location))));
    }

    /** Trino's view of this catalog (the local Athena's metastore), kept in the same folder. */
    public TrinoMetastore trino() {
        return new TrinoMetastore(root);
    }

    public void put(CatalogEntry entry) {
        var file = file(entry.database(), entry.table());
        try {
            Files.createDirectories(file.getParent());
            var temp = Files.createTempFile(file.getParent(), "." + entry.table(), ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(entry));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write catalog entry %s", file);
        }
    }

    /**
     * The entry as Spark on EMR looks a table up in Glue when a query names it ({@code GetDatabase}, {@code GetTable}),
     * recording those calls; {@link #get} is the catalog's own read, which stands for no AWS call.
     */
    public Optional<CatalogEntry> lookUp(String database, String table) {
        var log = AccessLog.process();
        GlueCalls.record(log, "glue:GetDatabase", database, null);
        GlueCalls.record(log, "glue:GetTable", database, table);
        return get(database, table);
    }

    public Optional<CatalogEntry> get(String database, String table) {
        var file = file(database, table);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Every entry of every database, sorted by database and table. */
    public List<CatalogEntry> entries() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            var entries = new ArrayList<CatalogEntry>();
            files.filter(file -> file.getFileName().toString().endsWith(".json")
                            && !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(file -> entries.add(read(file)));
            return entries;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list catalog %s", root);
        }
    }

    private CatalogEntry read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CatalogEntry.class);
        } catch (IOException e) {
            throw new LakepipeException(
                    e, "Invalid catalog entry %s: %s; rerun seed_hudi for the table", file, e.getMessage());
        }
    }

    private Path file(String database, String table) {
        return root.resolve(database).resolve(table + ".json");
    }
}
