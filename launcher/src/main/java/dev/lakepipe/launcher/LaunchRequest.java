package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.Map;
import java.util.Optional;

/**
 * Start one pipeline of one identifier. The Lambda event, the EventBridge rule input and the
 * state machine's next_pipeline call all have this shape:
 * {@code {"identifier": "tpcc", "pipeline": "jdbc_load", "triggered_by": "<execution name>"}}.
 *
 * @param pipeline a system pipeline type ({@code jdbc_load}) or a custom pipeline's name
 * @param triggeredBy the execution that asked for this launch (next_pipeline); it is finishing, so
 *     the concurrency check ignores it
 */
public record LaunchRequest(String identifier, String pipeline, Optional<String> triggeredBy) {

    public static final String IDENTIFIER = "identifier";
    public static final String PIPELINE = "pipeline";
    public static final String TRIGGERED_BY = "triggered_by";

    public LaunchRequest {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(triggeredBy, "triggeredBy is null");
    }

    public static LaunchRequest of(String identifier, String pipeline) {
        return new LaunchRequest(identifier, pipeline, Optional.empty());
    }

    /** Reads a Lambda/EventBridge event; names the missing or mistyped field and the expected shape. */
    public static LaunchRequest fromEvent(Map<String, ?> event) {
        requireNonNull(event, "event is null");
        return new LaunchRequest(
                requiredText(event, IDENTIFIER),
                requiredText(event, PIPELINE),
                Optional.ofNullable(event.get(TRIGGERED_BY))
                        .map(Object::toString)
                        .filter(name -> !name.isBlank()));
    }

    private static String requiredText(Map<String, ?> event, String field) {
        Object value = event.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new LakepipeException(
                    "Invalid launch request: %s is %s; expected {\"identifier\": \"<id>\", \"pipeline\": \"<pipeline name>\"}",
                    field, value == null ? "missing" : "'" + value + "'");
        }
        return text;
    }

    @Override
    public String toString() {
        return identifier + " " + pipeline
                + triggeredBy.map(name -> " (triggered by " + name + ")").orElse("");
    }
}
