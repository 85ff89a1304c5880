package dev.lakepipe.local.states;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.asl.ResourceArn;
import dev.lakepipe.asl.StateMachine;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.asl.TaskFailure;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * {@code arn:aws:states:::states:startExecution[.sync|.sync:2]}: a nested execution of a machine loaded in the
 * same local engine. Request-response returns {@code {ExecutionArn, StartDate}}; {@code .sync} waits and
 * returns DescribeExecution with {@code Input}/{@code Output} as JSON strings, {@code .sync:2} with them parsed.
 * A child that does not succeed fails the task with {@code States.TaskFailed} and its description as cause.
 */
public final class StartExecutionIntegration implements TaskIntegration {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final StepFunctions engine;

    public StartExecutionIntegration(StepFunctions engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public boolean handles(String resource) {
        return Resources.is(
                resource,
                "states",
                "startExecution",
                Set.of(ResourceArn.Pattern.REQUEST_RESPONSE, ResourceArn.Pattern.SYNC, ResourceArn.Pattern.SYNC_2));
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        JsonNode input = request.input();
        String machineArn = input.path("StateMachineArn").asText("");
        StateMachine machine = engine.stateMachine(machineArn)
                .orElseThrow(() -> new TaskFailure(
                        "StepFunctions.StateMachineDoesNotExistException",
                        "State Machine Does Not Exist: '" + machineArn + "'"));
        String name = input.hasNonNull("Name")
                ? input.get("Name").asText()
                : UUID.randomUUID().toString();
        Execution child = engine.start(machine, name, childInput(input.get("Input")));
        ResourceArn.Pattern pattern = request.resourceArn().pattern();
        if (pattern == ResourceArn.Pattern.REQUEST_RESPONSE) {
            ObjectNode result = MAPPER.createObjectNode();
            result.put("ExecutionArn", child.arn());
            result.put("StartDate", child.startDate().toEpochMilli());
            return SdkMetadata.addTo(result);
        }
        try {
            child.await();
        } catch (InterruptedException e) {
            child.stop();
            Thread.currentThread().interrupt();
            throw new TaskFailure(
                    "States.TaskFailed", "Nested execution " + child.arn() + " was stopped: the task was interrupted");
        }
        ObjectNode description = syncShape(child.describe());
        if (child.status() != ExecutionStatus.SUCCEEDED) {
            throw TaskFailure.taskFailed(description.toString());
        }
        if (pattern == ResourceArn.Pattern.SYNC_2) {
            parse(description, "Input");
            parse(description, "Output");
        }
        return description;
    }

    /** DescribeExecution as the .sync integration returns it: capitalized keys, dates as epoch milliseconds. */
    private static ObjectNode syncShape(ObjectNode describe) {
        ObjectNode result = MAPPER.createObjectNode();
        describe.fields().forEachRemaining(field -> {
            String key = Character.toUpperCase(field.getKey().charAt(0))
                    + field.getKey().substring(1);
            if (key.endsWith("Date")) {
                result.put(key, Instant.parse(field.getValue().asText()).toEpochMilli());
            } else {
                result.set(key, field.getValue());
            }
        });
        return result;
    }

    private static JsonNode childInput(JsonNode input) throws TaskFailure {
        if (input == null || input.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!input.isTextual()) {
            return input;
        }
        try {
            return MAPPER.readTree(input.asText());
        } catch (IOException e) {
            throw new TaskFailure(
                    "StepFunctions.InvalidExecutionInputException", "Invalid execution input: " + e.getMessage());
        }
    }

    private static void parse(ObjectNode description, String field) throws TaskFailure {
        JsonNode text = description.get(field);
        if (text != null && text.isTextual()) {
            try {
                description.set(field, MAPPER.readTree(text.asText()));
            } catch (IOException e) {
                throw new TaskFailure(
                        "States.Runtime", "Cannot parse the nested execution's " + field + ": " + e.getMessage());
            }
        }
    }
}
