package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One execution history event, named as Step Functions names them ({@code ExecutionStarted},
 * {@code TaskStateEntered}, {@code TaskScheduled}, {@code MapIterationStarted}, ...). {@code details}
 * is the event's {@code ...EventDetails} object.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

    public HistoryEvent {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(type, "type is null");
        requireNonNull(details, "details is null");
    }

    /** The state the event is about ({@code details.name} of state events), if any. */
    public Optional<String> stateName() {
        return type.endsWith("StateEntered") || type.endsWith("StateExited")
                ? Optional.ofNullable(details.path("name").textValue())
                : Optional.empty();
    }

    /** The event as GetExecutionHistory shows it: {@code {"timestamp","type","id","previousEventId","<x>EventDetails"}}. */
    public ObjectNode toJson() {
        ObjectNode json = StatesJson.object();
        json.put("timestamp", Timestamps.format(timestamp));
        json.put("type", type);
        json.put("id", id);
        json.put("previousEventId", previousEventId);
        if (!details.isEmpty()) {
            json.set(detailsField(type), details);
        }
        return json;
    }

    private static String detailsField(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
