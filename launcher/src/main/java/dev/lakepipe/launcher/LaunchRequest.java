package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Start one pipeline of one identifier. The Lambda event, the EventBridge rule input and the
 * state machine's next_pipeline call all have this shape:
 * {@code {"identifier": "tpcc", "pipeline": "jdbc_load", "triggered_by": "<execution name>", "tables": [...]}}.
 *
 * @param pipeline a system pipeline type ({@code jdbc_load}) or a custom pipeline's name
 * @param triggeredBy the execution that asked for this launch (next_pipeline); it is finishing, so
 *     the concurrency check ignores it
 * @param tables the {@code schema.table} names to run the pipeline for (a reload, docs/operations.md); empty: every
 *     enabled table
 */
public record LaunchRequest(String identifier, String pipeline, Optional<String> triggeredBy, List<String> tables) {

    public static final String IDENTIFIER = "identifier";
    public static final String PIPELINE = "pipeline";
    public static final String TRIGGERED_BY = "triggered_by";
    public static final String TABLES = "tables";

    private static final String SHAPE =
            "{\"identifier\": \"<id>\", \"pipeline\": \"<pipeline name>\"[, \"tables\": [\"<schema.table>\", ...]]}";

    public LaunchRequest {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(triggeredBy, "triggeredBy is null");
        tables = List.copyOf(tables);
    }

    /** A request for every enabled table. */
    public LaunchRequest(String identifier, String pipeline, Optional<String> triggeredBy) {
        this(identifier, pipeline, triggeredBy, List.of());
    }

    public static LaunchRequest of(String identifier, String pipeline) {
        return new LaunchRequest(identifier, pipeline, Optional.empty());
    }

    /** The same request for these tables only. */
    public LaunchRequest withTables(List<String> tables) {
        return new LaunchRequest(identifier, pipeline, triggeredBy, tables);
    }

    /**
     * Reads a Lambda/EventBridge event; names the missing or mistyped field and the expected shape. {@code tables} may
     * be missing or null (every table), else it is a non-empty array of names.
     */
    public static LaunchRequest fromEvent(Map<String, ?> event) {
        requireNonNull(event, "event is null");
        return new LaunchRequest(
                requiredText(event, IDENTIFIER),
                requiredText(event, PIPELINE),
                Optional.ofNullable(event.get(TRIGGERED_BY))
                        .map(Object::toString)
                        .filter(name -> !name.isBlank()),
                tables(event.get(TABLES)));
    }

    private static String requiredText(Map<String, ?> event, String field) {
        Object value = event.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new LakepipeException(
                    "Invalid launch request: %s is %s; expected %s",
                    field, value == null ? "missing" : "'" + value + "'", SHAPE);
        }
        return text;
    }

    private static List<String> tables(Object value) {
        if (value == null) {
            return List.of();
        }
        var names = new ArrayList<String>();
        if (value instanceof List<?> list && !list.isEmpty()) {
            for (var element : list) {
                if (!(element instanceof String name) || name.isBlank()) {
                    names.clear();
                    break;
                }
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new LakepipeException(
                    "Invalid launch request: tables is %s; expected a non-empty array of \"schema.table\" names, or no"
                            + " tables field for every table: %s",
                    value, SHAPE);
        }
        return names;
    }

    @Override
    public String toString() {
        return identifier + " " + pipeline
                + (tables.isEmpty() ? "" : " for " + String.join(", ", tables))
                + triggeredBy.map(name -> " (triggered by " + name + ")").orElse("");
    }
}
