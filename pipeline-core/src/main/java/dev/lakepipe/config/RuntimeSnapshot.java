package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime config snapshot the launcher writes for one execution and every step reads
 * ({@code --config <snapshot uri>}): the identifier's validated items as stored, plus where things are.
 *
 * <pre>{"identifier":"tpcc","created_at":"2026-11-23T11:00:00Z",
 *  "environment":{"bronze":…,"silver":…,"gold":…,"artifacts":…,"secrets":…,"catalog":…},
 *  "items":[…]}</pre>
 */
public record RuntimeSnapshot(
        String identifier, Instant createdAt, SnapshotEnvironment environment, List<JsonNode> items) {

    public RuntimeSnapshot {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(environment, "environment is null");
        items = items.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** The items, validated and grouped; throws {@link ConfigValidationException} listing every problem. */
    public PipelineConfigs configs() {
        return PipelineConfigs.fromStoredItems(items, "runtime snapshot of " + identifier);
    }

    /** Reads a snapshot from a local path. */
    public static RuntimeSnapshot read(Path file) {
        try (var input = Files.newInputStream(file)) {
            return parse(input, file.toString());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read runtime snapshot %s", file);
        }
    }

    /**
     * Reads a snapshot from a {@code file:} URI or a plain path. Other schemes ({@code s3://}) need a file
     * system client: open the stream with it (e.g. Hadoop's FileSystem in a Spark step) and call
     * {@link #parse(InputStream, String)}.
     */
    public static RuntimeSnapshot read(URI uri) {
        if (uri.getScheme() == null) {
            return read(Path.of(uri.getPath()));
        }
        if (!uri.getScheme().equals("file")) {
            throw new LakepipeException(
                    "Cannot read runtime snapshot %s: only file: URIs are read directly;"
                            + " open %s with a file system client and use RuntimeSnapshot.parse(InputStream, String)",
                    uri, uri.getScheme());
        }
        return read(Path.of(uri));
    }

    /** Reads a snapshot from a location as passed in {@code --config}: a URI or a plain path. */
    public static RuntimeSnapshot read(String location) {
        return location.contains(":") ? read(URI.create(location)) : read(Path.of(location));
    }

    public static RuntimeSnapshot parse(InputStream input, String source) {
        try {
            return fromJson(ConfigReader.mapper().readTree(input), source);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read runtime snapshot %s", source);
        }
    }

    public static RuntimeSnapshot parse(String json, String source) {
        try {
            return fromJson(ConfigReader.mapper().readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new LakepipeException(
                    e, "Invalid runtime snapshot %s: not JSON (%s)", source, e.getOriginalMessage());
        }
    }

    private static RuntimeSnapshot fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new LakepipeException("Invalid runtime snapshot %s: expected a JSON object", source);
        }
        var environment = root.path("environment");
        var items = new ArrayList<JsonNode>();
        if (!root.path("items").isArray()) {
            throw new LakepipeException("Invalid runtime snapshot %s: items must be a JSON array", source);
        }
        root.path("items").forEach(items::add);
        return new RuntimeSnapshot(
                required(root, "identifier", source),
                parseInstant(required(root, "created_at", source), source),
                new SnapshotEnvironment(
                        required(environment, "bronze", source),
                        required(environment, "silver", source),
                        required(environment, "gold", source),
                        required(environment, "artifacts", source),
                        required(environment, "secrets", source),
                        required(environment, "catalog", source)),
                items);
    }

    private static String required(JsonNode node, String field, String source) {
        var value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new LakepipeException("Invalid runtime snapshot %s: %s is missing or not a string", source, field);
        }
        return value.asText();
    }

    private static Instant parseInstant(String value, String source) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new LakepipeException(
                    e, "Invalid runtime snapshot %s: created_at '%s' is not an ISO-8601 instant", source, value);
        }
    }

    public String toJson() {
        var mapper = ConfigReader.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("identifier", identifier);
        root.put("created_at", createdAt.toString());
        var environmentNode = root.putObject("environment");
        environmentNode.put("bronze", environment.bronze());
        environmentNode.put("silver", environment.silver());
        environmentNode.put("gold", environment.gold());
        environmentNode.put("artifacts", environment.artifacts());
        environmentNode.put("secrets", environment.secrets());
        environmentNode.put("catalog", environment.catalog());
        var itemsNode = root.putArray("items");
        items.forEach(itemsNode::add);
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Failed to write runtime snapshot of %s", identifier);
        }
    }

    /** Writes the snapshot to a local file, creating parent directories. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write runtime snapshot of %s to %s", identifier, file);
        }
    }
}
