package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ASL paths on top of Jayway JsonPath: {@code $...} reads the state's data, {@code $$...} the context
 * object. A path that matches nothing fails with States.Runtime, quoting Jayway's message as
 * Step Functions does.
 */
public final class JsonPaths {

    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(StatesJson.MAPPER))
            .mappingProvider(new JacksonMappingProvider(StatesJson.MAPPER))
            .build();
    private static final Pattern NORMALISED_SEGMENT = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

    private JsonPaths() {}

    public static boolean isContextPath(String path) {
        return path.startsWith("$$");
    }

    /** Reads {@code path} against {@code data} or, for {@code $$...}, against {@code context}. */
    public static JsonNode read(String path, JsonNode data, JsonNode context) {
        return isContextPath(path) ? read(path.substring(1), context) : read(path, data);
    }

    /** Reads a {@code $...} path; an indefinite path yields an array of its matches. */
    public static JsonNode read(String path, JsonNode document) {
        return find(path, document)
                .orElseThrow(() -> StatesFailure.runtime(
                        "Invalid path '%s' : No results for path: %s",
                        path, JsonPath.compile(path).getPath()));
    }

    /** Reads a path, empty when it matches nothing (Choice IsPresent). */
    public static Optional<JsonNode> find(String path, JsonNode document) {
        try {
            Object result = JsonPath.using(CONFIGURATION).parse(document).read(path);
            return Optional.of(result instanceof JsonNode node ? node : StatesJson.MAPPER.valueToTree(result));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (InvalidPathException e) {
            throw StatesFailure.runtime("Invalid path '%s' : %s", path, e.getMessage());
        }
    }

    public static Optional<JsonNode> find(String path, JsonNode data, JsonNode context) {
        return isContextPath(path) ? find(path.substring(1), context) : find(path, data);
    }

    /** Why {@code path} is not a valid ASL Path (any JsonPath starting with $ or $$), or empty. */
    public static Optional<String> pathProblem(String path) {
        if (!path.startsWith("$")) {
            return Optional.of("must start with '$'");
        }
        try {
            JsonPath.compile(isContextPath(path) ? path.substring(1) : path);
            return Optional.empty();
        } catch (InvalidPathException | StringIndexOutOfBoundsException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Why {@code path} is not a valid Reference Path (a path naming a single node), or empty. */
    public static Optional<String> referencePathProblem(String path) {
        Optional<String> problem = pathProblem(path);
        if (problem.isPresent()) {
            return problem;
        }
        String data = isContextPath(path) ? path.substring(1) : path;
        return JsonPath.isPathDefinite(data)
                ? Optional.empty()
                : Optional.of("must name a single node (no wildcard, filter or deep scan)");
    }

    /**
     * Writes {@code value} into {@code document} at the Reference Path {@code path}, creating
     * intermediate objects (ResultPath semantics). Returns the new document ({@code value} itself
     * for {@code $}). Fails with States.ResultPathMatchFailure when a node on the way is not an object.
     */
    public static JsonNode write(String path, JsonNode document, JsonNode value) {
        List<Object> segments = segments(path);
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode root = document.deepCopy();
        JsonNode current = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment instanceof String field && current instanceof ObjectNode object) {
                if (last) {
                    object.set(field, value);
                } else {
                    JsonNode next = object.get(field);
                    if (next == null || next.isNull()) {
                        next = object.putObject(field);
                    }
                    current = next;
                }
            } else if (segment instanceof Integer index && current instanceof ArrayNode array && index < array.size()) {
                if (last) {
                    array.set(index, value);
                } else {
                    current = array.get(index);
                }
            } else {
                throw new StatesFailure(
                        StatesError.RESULT_PATH_MATCH_FAILURE,
                        String.format(
                                "Unable to apply ResultPath \"%s\" to input %s", path, StatesJson.write(document)));
            }
        }
        return root;
    }

    private static List<Object> segments(String path) {
        String normalised = JsonPath.compile(path).getPath();
        List<Object> segments = new ArrayList<>();
        Matcher matcher = NORMALISED_SEGMENT.matcher(normalised);
        int position = 1;
        while (matcher.find(position) && matcher.start() == position) {
            segments.add(matcher.group(1) != null ? matcher.group(1) : Integer.valueOf(matcher.group(2)));
            position = matcher.end();
        }
        if (position != normalised.length()) {
            throw StatesFailure.runtime("Invalid ResultPath '%s': must be a Reference Path", path);
        }
        return segments;
    }
}
