package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/** A started execution: its deterministic name, its ARN and where the runtime config snapshot was written. */
public record LaunchResult(
        String identifier, String pipeline, String executionName, String executionArn, String runtimeConfig) {

    public LaunchResult {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(executionName, "executionName is null");
        requireNonNull(executionArn, "executionArn is null");
        requireNonNull(runtimeConfig, "runtimeConfig is null");
    }

    /** The Lambda response (the state machine reads it as {@code $.Payload}). */
    public Map<String, Object> toPayload() {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("identifier", identifier);
        payload.put("pipeline", pipeline);
        payload.put("execution_name", executionName);
        payload.put("execution_arn", executionArn);
        payload.put("runtime_config", runtimeConfig);
        return payload;
    }
}
