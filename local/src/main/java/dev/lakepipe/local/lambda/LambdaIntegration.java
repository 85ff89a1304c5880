package dev.lakepipe.local.lambda;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.asl.ResourceArn;
import dev.lakepipe.asl.TaskFailure;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;
import dev.lakepipe.local.states.Resources;
import dev.lakepipe.local.states.SdkMetadata;
import dev.lakepipe.util.Json;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arn:aws:states:::lambda:invoke} on functions run in-process (the launcher), keyed by function ARN
 * or name. The result has Lambda's envelope ({@code ExecutedVersion, Payload, StatusCode} plus SDK
 * metadata); a function error fails the task with the exception's simple class name as error and
 * Lambda's compact {@code {"errorMessage","errorType","requestId","stackTrace"}} as cause.
 */
public final class LambdaIntegration implements TaskIntegration {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaIntegration.class);
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final Map<String, LocalFunction> functions;

    /** @param functions by function ARN; a call may also name the function by its name (the ARN's last part) */
    public LambdaIntegration(Map<String, LocalFunction> functions) {
        this.functions = Map.copyOf(requireNonNull(functions, "functions is null"));
    }

    @Override
    public boolean handles(String resource) {
        return Resources.is(resource, "lambda", "invoke", Set.of(ResourceArn.Pattern.REQUEST_RESPONSE));
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        String name = request.input().path("FunctionName").asText("");
        LocalFunction function = find(name)
                .orElseThrow(() -> new TaskFailure(
                        "Lambda.ResourceNotFoundException",
                        "Function not found: " + name + " (local functions: " + functions.keySet() + ")"));
        JsonNode payload = request.input().has("Payload") ? request.input().get("Payload") : MAPPER.createObjectNode();
        String invocationType = request.input().path("InvocationType").asText("RequestResponse");
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ExecutedVersion", "$LATEST");
        if (invocationType.equals("Event")) {
            var thread = new Thread(() -> runDetached(name, function, payload), "lambda-" + name);
            thread.setDaemon(true);
            thread.start();
            result.put("Payload", "");
            result.put("StatusCode", 202);
            return SdkMetadata.addTo(result);
        }
        JsonNode response;
        try {
            response = function.handle(payload);
        } catch (RuntimeException e) {
            throw functionError(e);
        }
        result.set("Payload", response == null ? NullNode.getInstance() : response);
        result.put("StatusCode", 200);
        return SdkMetadata.addTo(result);
    }

    private Optional<LocalFunction> find(String name) {
        if (functions.containsKey(name)) {
            return Optional.of(functions.get(name));
        }
        return functions.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(":function:" + name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static TaskFailure functionError(RuntimeException e) {
        String errorType = e.getClass().getSimpleName();
        ObjectNode cause = MAPPER.createObjectNode();
        cause.put("errorMessage", String.valueOf(e.getMessage()));
        cause.put("errorType", errorType);
        cause.put("requestId", UUID.randomUUID().toString());
        var trace = cause.putArray("stackTrace");
        for (StackTraceElement element : Arrays.copyOf(e.getStackTrace(), Math.min(10, e.getStackTrace().length))) {
            trace.add(element.toString());
        }
        return new TaskFailure(errorType, cause.toString());
    }

    private static void runDetached(String name, LocalFunction function, JsonNode payload) {
        try {
            function.handle(payload);
        } catch (RuntimeException e) {
            LOG.error("Asynchronous invocation of {} failed: {}", name, e.getMessage(), e);
        }
    }
}
