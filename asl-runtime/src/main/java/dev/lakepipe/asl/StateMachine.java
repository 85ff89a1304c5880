package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A loaded, validated state machine.
 *
 * @param definition the definition as run, after {@code ${...}} substitution
 */
public record StateMachine(
        String name, String arn, JsonNode definition, StateGraph graph, Optional<Integer> timeoutSeconds) {

    public StateMachine {
        requireNonNull(name, "name is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(graph, "graph is null");
        requireNonNull(timeoutSeconds, "timeoutSeconds is null");
    }
}
