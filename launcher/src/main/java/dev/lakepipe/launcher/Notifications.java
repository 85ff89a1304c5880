package dev.lakepipe.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's FAILURE messages, shaped like the state machine's
 * ({@code {"status": "FAILURE", "identifier", "pipeline", "stage": "launch", ...}}).
 */
public final class Notifications {

    /** SNS refuses subjects of 100 characters or more. */
    static final int MAX_SUBJECT = 99;

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private Notifications() {}

    public static String launchFailureSubject(LaunchRequest request) {
        return subject("lakepipe FAILURE: " + request.identifier() + " " + request.pipeline() + " (launch)");
    }

    /**
     * @param reason a {@link LaunchRefusedException.Reason} name, or {@code ERROR} for an unexpected failure
     * @param problems every config problem, when the configs were invalid
     */
    public static String launchFailureMessage(
            LaunchRequest request, String reason, String error, List<String> problems) {
        var message = new LinkedHashMap<String, Object>();
        message.put("status", "FAILURE");
        message.put("identifier", request.identifier());
        message.put("pipeline", request.pipeline());
        message.put("stage", "launch");
        request.triggeredBy().ifPresent(trigger -> message.put("triggered_by", trigger));
        message.put("reason", reason);
        message.put("error", error);
        if (!problems.isEmpty()) {
            message.put("problems", problems);
        }
        return toJson(message);
    }

    /** A subject SNS accepts: one line, ASCII, shorter than 100 characters. */
    public static String subject(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7E]", "?");
        return oneLine.length() <= MAX_SUBJECT ? oneLine : oneLine.substring(0, MAX_SUBJECT - 3) + "...";
    }

    static String toJson(Map<String, Object> message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
