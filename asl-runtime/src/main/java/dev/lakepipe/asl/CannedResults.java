package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TaskIntegration} answering fixed results per Resource ({@code --task-result RESOURCE=FILE.json}).
 * A result of the shape {@code {"Error": "...", "Cause": "..."}} and nothing else fails the task with
 * that error and cause instead of returning it.
 */
public final class CannedResults implements TaskIntegration {

    private final Map<String, JsonNode> results;

    public CannedResults(Map<String, JsonNode> results) {
        this.results = Map.copyOf(results);
    }

    /** Reads each file as JSON; fails naming the file when one is missing or invalid. */
    public static CannedResults fromFiles(Map<String, Path> files) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        files.forEach((resource, file) -> results.put(resource, StatesJson.read(file)));
        return new CannedResults(results);
    }

    @Override
    public boolean handles(String resource) {
        return results.containsKey(resource);
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        JsonNode result = results.get(request.resource());
        if (result.isObject()
                && result.has("Error")
                && result.size() <= 2
                && (result.size() == 1 || result.has("Cause"))) {
            throw new TaskFailure(
                    result.get("Error").asText(), result.path("Cause").asText(null));
        }
        return result.deepCopy();
    }
}
