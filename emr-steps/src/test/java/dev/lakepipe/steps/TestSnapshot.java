package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * A runtime snapshot as a local run has it, for tests and benches: the four buckets ({@code <home>/s3/lakepipe-<bucket>})
 * and the catalog ({@code <home>/catalog}) under one lake folder, a secrets file, the {@code database::config} item, and
 * the step items a test adds.
 */
public final class TestSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BUCKETS = {"bronze", "silver", "gold", "artifacts"};

    private final String identifier;
    private final ObjectNode root;
    private final ObjectNode environment;
    private final ArrayNode items;

    /** The buckets and catalog under {@code home}, secrets in {@code <home>/secrets.json} until {@link #secrets} says otherwise. */
    public TestSnapshot(String identifier, Path home) {
        this.identifier = identifier;
        root = JSON.createObjectNode().put("identifier", identifier).put("created_at", "2026-11-23T11:00:00Z");
        environment = root.putObject("environment");
        for (var bucket : BUCKETS) {
            environment.put(
                    bucket, home.resolve("s3/lakepipe-" + bucket).toUri().toString());
        }
        environment.put(
                "secrets", home.resolve("secrets.json").toAbsolutePath().toUri().toString());
        environment.put("catalog", home.resolve("catalog").toUri().toString());
        items = root.putArray("items");
    }

    public TestSnapshot secrets(Path secretsFile) {
        environment.put("secrets", secretsFile.toAbsolutePath().toUri().toString());
        return this;
    }

    /**
     * Writes {@code <home>/secrets.json} with one secret whose {@code dbname} (the source database, which names the DMS
     * change folder) is {@code sourceDatabase}, for steps that never connect; adds {@code database::config} naming it.
     */
    public TestSnapshot unusedSecretAndDatabase(
            Path home, String secret, String sourceDatabase, String targetDbName, String targetTablePrefix) {
        var value = JSON.createObjectNode()
                .put("username", "unused")
                .put("password", "unused")
                .put("host", "localhost")
                .put("port", 5432)
                .put("dbname", sourceDatabase)
                .put("engine", "postgres")
                .put("sslmode", "disable");
        try {
            Files.writeString(
                    home.resolve("secrets.json"),
                    JSON.writeValueAsString(JSON.createObjectNode().set(secret, value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database(secret, targetDbName, targetTablePrefix);
    }

    /** Adds the {@code database::config} item. */
    public TestSnapshot database(String secret, String targetDbName, String targetTablePrefix) {
        items.addObject()
                .put("identifier", identifier)
                .put("config", "database::config")
                .put("secret", secret)
                .put("target_db_name", targetDbName)
                .put("target_table_prefix", targetTablePrefix);
        return this;
    }

    /** Adds the enabled item {@code step::system::<qualified>} with {@code hudiConfig}; returns it for further settings. */
    public ObjectNode table(String qualified, Object hudiConfig) {
        var item = items.addObject()
                .put("identifier", identifier)
                .put("config", "step::system::" + qualified)
                .put("enabled", true);
        item.set("hudi_config", JSON.valueToTree(hudiConfig));
        return item;
    }

    /**
     * Adds the item {@code pipeline::system::<type>} with a small EMR config and {@code fileSizing}
     * ({@code file_sizing}); returns this.
     */
    public TestSnapshot pipeline(String type, Object fileSizing) {
        var item = items.addObject().put("identifier", identifier).put("config", "pipeline::system::" + type);
        var emr = item.putObject("emr_config").put("release_label", "emr-7.5.0");
        emr.putObject("master").put("instance_type", "m5.xlarge");
        emr.putObject("worker").put("instance_type", "r5.xlarge").put("count", 1);
        item.set("file_sizing", JSON.valueToTree(fileSizing));
        return this;
    }

    /** Adds the step items of {@code pipeline-configs/tpcc.json}: the nine TPC-C tables. */
    public TestSnapshot tpccTables() {
        return tpccTables(config -> config.startsWith("step::system::"));
    }

    /** Adds the step items of {@code pipeline-configs/tpcc.json} for {@code tables} ({@code schema.table}). */
    public TestSnapshot tpccTables(Collection<String> tables) {
        return tpccTables(config -> tables.stream().anyMatch(table -> config.equals("step::system::" + table)));
    }

    private TestSnapshot tpccTables(Predicate<String> config) {
        try {
            for (JsonNode item : JSON.readTree(
                    repository().resolve("pipeline-configs/tpcc.json").toFile())) {
                if (config.test(item.path("config").asText())) {
                    items.add(item);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes the snapshot to {@code file}; returns its URI. */
    public String write(Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toUri().toString();
    }

    /** The repository root: tests run in emr-steps/, benches from the root. */
    private static Path repository() {
        return Files.exists(Path.of("pipeline-configs")) ? Path.of(".") : Path.of("..");
    }
}
