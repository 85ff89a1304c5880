package dev.lakepipe.steps.gold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a gold table has consumed: per silver table (by catalog name), the newest commit instant whose changes the
 * gold table reflects. Stored in the extra metadata of the gold commit that wrote those changes, so data and
 * checkpoint commit atomically (as {@code ApplyCheckpoint} does for the CDC apply).
 *
 * <p>JSON: {@code {"version":1,"sources":{"tpcc_public_order_line":"20261123113012345",...}}}.
 */
record GoldCheckpoint(Map<String, String> sources) {

    /** Commit metadata key; starts with {@code _} so Hudi copies the write option into the commit. */
    static final String COMMIT_METADATA_KEY = "_lakepipe.gold.checkpoint";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = Json.MAPPER;

    GoldCheckpoint {
        sources = Map.copyOf(sources);
    }

    Optional<String> instant(String silverTable) {
        return Optional.ofNullable(sources.get(silverTable));
    }

    String toJson() {
        var node = JSON.createObjectNode();
        node.put("version", VERSION);
        var byName = node.putObject("sources");
        new TreeMap<>(sources).forEach(byName::put);
        return node.toString();
    }

    static GoldCheckpoint fromJson(String json, String source) {
        try {
            var node = JSON.readTree(json);
            if (node == null
                    || node.path("version").asInt() != VERSION
                    || !node.path("sources").isObject()) {
                throw new LakepipeException(
                        "Invalid gold checkpoint in %s: %s; expected version %d with sources; run the step with --full-rebuild true",
                        source, json, VERSION);
            }
            var sources = new TreeMap<String, String>();
            node.path("sources")
                    .fields()
                    .forEachRemaining(entry ->
                            sources.put(entry.getKey(), entry.getValue().asText()));
            return new GoldCheckpoint(sources);
        } catch (JsonProcessingException e) {
            throw new LakepipeException(
                    e, "Invalid gold checkpoint in %s: %s; run the step with --full-rebuild true", source, json);
        }
    }
}
