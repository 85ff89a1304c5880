package dev.lakepipe.steps.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * The local Glue as Trino reads it (the local Athena, {@code lakepipe sql}): Trino's file metastore, kept in the local
 * catalog folder next to the catalog entries. A database is {@code <root>/.<database>.trinoSchema}, a table
 * {@code <root>/<database>/<table>/.trinoSchema}, a partition {@code <root>/<database>/<table>/<k=v>/.trinoSchema}.
 * Tables are registered as Hudi tables only (Hudi's input format, which Trino's Hudi connector requires): a plain
 * Parquet table over a Hudi folder would show every old file version and the deleted rows. Trino, like Athena, lists
 * a table's partitions from the metastore, so every commit registers every partition folder the table has.
 */
public final class TrinoMetastore {

    static final String SCHEMA_FILE = ".trinoSchema";
    static final String HUDI_INPUT_FORMAT = GlueTable.HUDI_INPUT_FORMAT;
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String PARQUET_OUTPUT_FORMAT =
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    /** The file Hudi writes in every partition folder. */
    private static final String PARTITION_METAFILE = ".hoodie_partition_metadata";

    private static final String OWNER = "lakepipe";
    private static final ObjectMapper JSON = Json.PRETTY;

    private final Path root;

    public TrinoMetastore(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /**
     * Registers {@code table} (its columns as {@code schema} says, Hudi's meta columns included) and every partition
     * folder it has, under the names Hudi's sync gives it in Glue ({@link GlueTable}); a registered partition is kept as it
     * is. Returns what changed, as a metastore sync would see it (the same for each Glue table of a merge-on-read table).
     */
    public Registration register(HudiTable table, StructType schema) {
        var base = localPath(table.basePath());
        writeIfAbsent(root.resolve("." + table.database() + ".trinoSchema"), database());
        var columns = columns(table, schema);
        var partitions = partitions(table, base);
        Registration registration = null;
        for (var view : GlueTable.of(table.name(), table.tableType())) {
            var viewRegistration = register(table, view, columns, partitions, base);
            registration = registration == null ? viewRegistration : registration;
        }
        return registration;
    }

    private Registration register(
            HudiTable table, GlueTable view, Columns columns, List<Partition> partitions, Path base) {
        var tableDir = root.resolve(table.database()).resolve(view.name());
        var tableFile = tableDir.resolve(SCHEMA_FILE);
        var previous = Files.exists(tableFile) ? Optional.of(dataColumns(tableFile)) : Optional.<JsonNode>empty();
        write(tableFile, tableMetadata(table, view, columns, base));
        var added = new ArrayList<String>();
        var existing = 0;
        for (var partition : partitions) {
            if (writeIfAbsent(
                    tableDir.resolve(partition.name()).resolve(SCHEMA_FILE),
                    partitionMetadata(columns.data(), partition.folder(), view))) {
                added.add(partition.name());
            } else {
                existing++;
            }
        }
        var columnsChanged = previous.map(old -> !old.equals(JSON.valueToTree(columns.data())))
                .orElse(false);
        return new Registration(previous.isEmpty(), columnsChanged, List.copyOf(added), existing);
    }

    /**
     * What one {@link #register} changed: the table was new, its data columns changed, the partitions it added (Hive
     * names) and the number of partitions it had already.
     */
    public record Registration(
            boolean tableCreated, boolean columnsChanged, List<String> addedPartitions, int existingPartitions) {
        public Registration {
            addedPartitions = List.copyOf(addedPartitions);
        }
    }

    private static JsonNode dataColumns(Path tableFile) {
        try {
            return JSON.readTree(tableFile.toFile()).path("dataColumns");
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read the Trino metastore file %s", tableFile);
        }
    }

    /** A partition: its Hive name ({@code k1=v1/k2=v2}) and its folder. */
    record Partition(String name, Path folder) {}

    /** The partition folders of {@code table} under {@code base}, in name order. */
    static List<Partition> partitions(HudiTable table, Path base) {
        var fields = table.partitionFields();
        if (fields.isEmpty() || !Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(base, fields.size() + 1)) {
            return files.filter(file -> file.getFileName().toString().equals(PARTITION_METAFILE))
                    .map(Path::getParent)
                    .filter(folder -> base.relativize(folder).getNameCount() == fields.size()
                            && !base.relativize(folder).toString().startsWith("."))
                    .map(folder -> new Partition(name(fields, base.relativize(folder)), folder))
                    .sorted(Comparator.comparing(Partition::name))
                    .toList();
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list the partitions of %s", base);
        }
    }

    /** {@code k1=v1/k2=v2} for a folder {@code k1=v1/k2=v2} (Hive style) or {@code v1/v2}. */
    private static String name(List<String> fields, Path relative) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < fields.size(); i++) {
            var segment = relative.getName(i).toString();
            var prefix = fields.get(i) + "=";
            parts.add(prefix + (segment.startsWith(prefix) ? segment.substring(prefix.length()) : segment));
        }
        return String.join("/", parts);
    }

    record Columns(List<Map<String, Object>> data, List<Map<String, Object>> partition) {}

    /** The data and partition columns in Hive types; partition columns are left out of the data columns, as Hive sync does. */
    static Columns columns(HudiTable table, StructType schema) {
        var data = new ArrayList<Map<String, Object>>();
        var partition = new ArrayList<Map<String, Object>>();
        for (var field : schema.fields()) {
            if (!table.partitionFields().contains(field.name())) {
                data.add(column(table, field));
            }
        }
        for (var name : table.partitionFields()) {
            var field = List.of(schema.fields()).stream()
                    .filter(candidate -> candidate.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new LakepipeException(
                            "Invalid table %s.%s: partition field %s is not a column of the table",
                            table.database(), table.name(), name));
            partition.add(column(table, field));
        }
        return new Columns(data, partition);
    }

    private static Map<String, Object> column(HudiTable table, StructField field) {
        if (field.dataType() instanceof TimestampNTZType) {
            throw new LakepipeException(
                    "Invalid column %s of %s.%s: timestamp_ntz has no Hive type that Athena reads;"
                            + " write it as a timestamp",
                    field.name(), table.database(), table.name());
        }
        var column = new LinkedHashMap<String, Object>();
        column.put("name", field.name());
        column.put("type", field.dataType().catalogString());
        column.put("properties", Map.of());
        return column;
    }

    private static Map<String, Object> database() {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("ownerName", OWNER);
        metadata.put("ownerType", "USER");
        metadata.put("parameters", Map.of());
        return metadata;
    }

    private static Map<String, Object> tableMetadata(HudiTable table, GlueTable view, Columns columns, Path base) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("owner", OWNER);
        metadata.put("tableType", "EXTERNAL_TABLE");
        metadata.put("dataColumns", columns.data());
        metadata.put("partitionColumns", columns.partition());
        metadata.put(
                "parameters",
                Map.of(
                        "EXTERNAL",
                        "TRUE",
                        "spark.sql.sources.provider",
                        "hudi",
                        "hudi.table.type",
                        table.tableType().name()));
        metadata.put("originalStorageFormat", storageFormat(view));
        metadata.put(
                "serdeParameters",
                Map.of("path", table.basePath(), "hoodie.query.as.ro.table", Boolean.toString(view.readOptimized())));
        metadata.put("externalLocation", location(base));
        metadata.put("columnStatistics", Map.of());
        return metadata;
    }

    private static Map<String, Object> partitionMetadata(
            List<Map<String, Object>> dataColumns, Path folder, GlueTable view) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("columns", dataColumns);
        metadata.put("parameters", Map.of());
        metadata.put("originalStorageFormat", storageFormat(view));
        metadata.put("serdeParameters", Map.of());
        metadata.put("externalLocation", location(folder));
        metadata.put("columnStatistics", Map.of());
        return metadata;
    }

    private static Map<String, String> storageFormat(GlueTable view) {
        return Map.of("serde", PARQUET_SERDE, "inputFormat", view.inputFormat(), "outputFormat", PARQUET_OUTPUT_FORMAT);
    }

    /** Trino's local file system names a folder {@code local:///<absolute path>}. */
    static String location(Path folder) {
        return "local://" + folder.toAbsolutePath().normalize();
    }

    private static Path localPath(String basePath) {
        var uri = URI.create(basePath);
        if (!"file".equals(uri.getScheme())) {
            throw new LakepipeException(
                    "Invalid base path %s for the local catalog: expected a file:// path (the local buckets)",
                    basePath);
        }
        return Path.of(uri);
    }

    /** Whether it wrote {@code file}. */
    private static boolean writeIfAbsent(Path file, Object value) {
        if (Files.exists(file)) {
            return false;
        }
        write(file, value);
        return true;
    }

    /** Temp file + rename, so Trino never reads half a file. */
    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            var temp = Files.createTempFile(file.getParent(), ".trino", ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(value));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write the Trino metastore file %s", file);
        }
    }
}
