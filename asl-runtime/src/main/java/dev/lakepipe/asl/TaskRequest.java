package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One call of a {@link TaskIntegration}.
 *
 * @param resource the Task's Resource, after {@code ${...}} substitution
 * @param input the effective input: the state input after InputPath and Parameters
 * @param stateName the Task state's name
 * @param executionArn the ARN of the running execution
 * @param context the context object ({@code $$}) as the state sees it
 * @param timeout the state's TimeoutSeconds, if any; the runtime enforces it (interrupting the call)
 * @param heartbeat call {@link Heartbeat#beat()} while a long task progresses when HeartbeatSeconds is set
 */
public record TaskRequest(
        String resource,
        JsonNode input,
        String stateName,
        String executionArn,
        JsonNode context,
        Optional<Duration> timeout,
        Heartbeat heartbeat) {

    public TaskRequest {
        requireNonNull(resource, "resource is null");
        requireNonNull(input, "input is null");
        requireNonNull(stateName, "stateName is null");
        requireNonNull(executionArn, "executionArn is null");
        requireNonNull(context, "context is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(heartbeat, "heartbeat is null");
    }

    /** The parsed Resource ARN (service, action, integration pattern). */
    public ResourceArn resourceArn() {
        return ResourceArn.parse(resource);
    }

    /** {@code $$.Task.Token}, present for {@code .waitForTaskToken} resources. */
    public Optional<String> taskToken() {
        return Optional.ofNullable(context.path("Task").path("Token").textValue());
    }

    /** Tells the runtime a long-running task is alive (HeartbeatSeconds). */
    @FunctionalInterface
    public interface Heartbeat {
        void beat();
    }
}
