package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.asl.ResourceArn;
import dev.lakepipe.asl.TaskFailure;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;
import dev.lakepipe.local.states.Resources;
import dev.lakepipe.util.Json;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code arn:aws:states:::elasticmapreduce:createCluster[.sync]}, {@code addStep[.sync]} and
 * {@code terminateCluster[.sync]} on the {@link LocalEmr}, with EMR's result and failure shapes:
 * a failed {@code addStep.sync} is {@code States.TaskFailed} whose cause is the DescribeStep JSON with
 * {@code Step.Status.FailureDetails {Reason, Message, LogFile}}. Each call's IAM requests go to the state machine's
 * access log ({@link EmrAccesses}).
 */
public final class EmrIntegration implements TaskIntegration {

    private static final String SERVICE = "elasticmapreduce";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final LocalEmr emr;
    private final String region;
    private final String account;
    private final EmrAccesses accesses;

    public EmrIntegration(LocalEmr emr, String region, String account, AccessLog machineAccesses) {
        this.emr = requireNonNull(emr, "emr is null");
        this.region = requireNonNull(region, "region is null");
        this.account = requireNonNull(account, "account is null");
        this.accesses = new EmrAccesses(machineAccesses, region, account);
    }

    @Override
    public boolean handles(String resource) {
        var patterns = Set.of(ResourceArn.Pattern.REQUEST_RESPONSE, ResourceArn.Pattern.SYNC);
        return Resources.is(resource, SERVICE, "createCluster", patterns)
                || Resources.is(resource, SERVICE, "addStep", patterns)
                || Resources.is(resource, SERVICE, "terminateCluster", patterns);
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        ResourceArn arn = request.resourceArn();
        var sync = arn.pattern() == ResourceArn.Pattern.SYNC;
        try {
            return switch (arn.action()) {
                case "createCluster" -> createCluster(request.input(), sync);
                case "addStep" -> addStep(request.input(), sync);
                case "terminateCluster" -> terminateCluster(request.input(), sync);
                default -> throw new TaskFailure("States.Runtime", "Unsupported EMR integration " + request.resource());
            };
        } catch (LocalEmrException e) {
            throw new TaskFailure(e.errorName(), e.getMessage());
        }
    }

    private JsonNode createCluster(JsonNode input, boolean sync) {
        String clusterId = emr.createCluster(input);
        accesses.createCluster(input, clusterId, sync);
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ClusterId", clusterId);
        result.put("ClusterArn", "arn:aws:elasticmapreduce:" + region + ":" + account + ":cluster/" + clusterId);
        return result;
    }

    private JsonNode addStep(JsonNode input, boolean sync) throws TaskFailure {
        String clusterId = requiredText(input, "ClusterId", "addStep");
        emr.cluster(clusterId).ifPresent(cluster -> accesses.addStep(cluster, sync));
        if (!sync) {
            // Request-response: the step runs on; the caller only gets its id.
            var stepId = new CompletableFuture<String>();
            var thread = new Thread(() -> runDetached(clusterId, input.path("Step"), stepId), "emr-step-" + clusterId);
            thread.setDaemon(true);
            thread.start();
            ObjectNode result = MAPPER.createObjectNode();
            try {
                result.put("StepId", stepId.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof LocalEmrException emrError) {
                    throw emrError;
                }
                throw e;
            }
            return result;
        }
        try {
            ObjectNode described = emr.runStep(clusterId, input.path("Step"));
            String state = described.path("Step").path("Status").path("State").asText();
            if (!state.equals("COMPLETED")) {
                throw TaskFailure.taskFailed(described.toString());
            }
            return described;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskFailure.taskFailed("Step of cluster " + clusterId + " was cancelled: the task was interrupted");
        }
    }

    private void runDetached(String clusterId, JsonNode step, CompletableFuture<String> stepId) {
        try {
            emr.runStep(clusterId, step, stepId::complete);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stepId.completeExceptionally(e);
        }
    }

    private JsonNode terminateCluster(JsonNode input, boolean sync) {
        var clusterId = requiredText(input, "ClusterId", "terminateCluster");
        emr.cluster(clusterId).ifPresent(cluster -> accesses.terminateCluster(cluster, sync));
        emr.terminate(clusterId);
        return MAPPER.createObjectNode();
    }

    private static String requiredText(JsonNode input, String field, String action) {
        String value = input.path(field).asText("");
        if (value.isBlank()) {
            throw LocalEmrException.invalidRequest("Invalid %s request: %s is required", action, field);
        }
        return value;
    }
}
