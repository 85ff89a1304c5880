package dev.lakepipe.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads config files: a JSON array of items as stored in the config table (the format of
 * {@code pipeline-configs/*.json} and of {@code lakepipe configs export}).
 */
public final class ConfigReader {

    private static final ObjectMapper MAPPER = Json.PRETTY;

    private ConfigReader() {}

    /** The shared mapper for config JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The stored items of a file, unvalidated. */
    public static List<JsonNode> readItems(Path file) {
        try {
            return parseItems(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read configs file %s", file);
        }
    }

    /** The stored items of a JSON text, unvalidated; {@code source} names the text in errors. */
    public static List<JsonNode> parseItems(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation() == null
                    ? ""
                    : " at line %d, column %d"
                            .formatted(
                                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new LakepipeException(
                    e, "Invalid configs file %s: not JSON%s (%s)", source, at, e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new LakepipeException(
                    "Invalid configs file %s: it is empty; expected a JSON array of config items"
                            + " (pipeline-configs/tpcc.json is an example)",
                    source);
        }
        if (!root.isArray()) {
            throw new LakepipeException(
                    "Invalid configs file %s: expected a JSON array of config items, got a JSON %s"
                            + "; wrap the item(s) in [ ]",
                    source, root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        var items = new ArrayList<JsonNode>();
        root.forEach(items::add);
        return items;
    }

    /** Reads and validates a file holding the items of one identifier. */
    public static PipelineConfigs load(Path file) {
        return PipelineConfigs.fromStoredItems(readItems(file), file.toString());
    }

    /** Writes items as a JSON array, indented, in the order given. */
    public static String toJson(List<JsonNode> items) {
        var array = MAPPER.createArrayNode();
        items.forEach(array::add);
        try {
            return MAPPER.writeValueAsString(array) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Failed to write %d config items as JSON", items.size());
        }
    }
}
