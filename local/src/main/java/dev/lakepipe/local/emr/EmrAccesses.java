package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IAM requests behind the state machine's EMR integration (docs/access-contract.md), recorded as the state machine's
 * role makes them: {@code RunJobFlow} with the cluster's tags as request tags and the two roles it passes, then the
 * cluster actions with the cluster's tags as resource tags; a {@code .sync} task also polls ({@code DescribeCluster},
 * {@code DescribeStep}) and has Step Functions manage its EventBridge rule.
 */
final class EmrAccesses {

    private final AccessLog log;
    private final String region;
    private final String account;

    EmrAccesses(AccessLog log, String region, String account) {
        this.log = requireNonNull(log, "log is null");
        this.region = requireNonNull(region, "region is null");
        this.account = requireNonNull(account, "account is null");
    }

    void createCluster(JsonNode request, String clusterId, boolean sync) {
        record("elasticmapreduce:RunJobFlow", "*", tags(request, "RequestTag"));
        var serviceRole = request.path("ServiceRole").asText("");
        if (!serviceRole.isEmpty()) {
            record(
                    "iam:PassRole",
                    AwsArns.role(serviceRole),
                    Map.of("iam:PassedToService", "elasticmapreduce.amazonaws.com"));
        }
        var jobFlowRole = request.path("JobFlowRole").asText("");
        if (!jobFlowRole.isEmpty()) {
            record(
                    "iam:PassRole",
                    AwsArns.instanceProfile(jobFlowRole),
                    Map.of("iam:PassedToService", "ec2.amazonaws.com"));
        }
        if (sync) {
            onCluster("elasticmapreduce:DescribeCluster", request, clusterId);
            rule("RunJobFlow");
        }
    }

    void addStep(LocalCluster cluster, boolean sync) {
        onCluster("elasticmapreduce:AddJobFlowSteps", cluster.request(), cluster.id());
        if (sync) {
            onCluster("elasticmapreduce:DescribeStep", cluster.request(), cluster.id());
            rule("AddJobFlowSteps");
        }
    }

    void terminateCluster(LocalCluster cluster, boolean sync) {
        onCluster("elasticmapreduce:TerminateJobFlows", cluster.request(), cluster.id());
        if (sync) {
            onCluster("elasticmapreduce:DescribeCluster", cluster.request(), cluster.id());
            rule("TerminateJobFlows");
        }
    }

    private void onCluster(String action, JsonNode request, String clusterId) {
        record(
                action,
                "arn:aws:elasticmapreduce:%s:%s:cluster/%s".formatted(region, account, clusterId),
                tags(request, "ResourceTag"));
    }

    /** The EventBridge rule Step Functions keeps for a {@code .sync} EMR task ({@code StepFunctionsGetEventForEMR<Api>Rule}). */
    private void rule(String api) {
        var arn = "arn:aws:events:%s:%s:rule/StepFunctionsGetEventForEMR%sRule".formatted(region, account, api);
        for (var action : new String[] {"events:PutTargets", "events:PutRule", "events:DescribeRule"}) {
            record(action, arn, Map.of());
        }
    }

    /** {@code elasticmapreduce:<kind>/<key>} and {@code aws:<kind>/<key>} for every tag of the RunJobFlow request. */
    private static Map<String, String> tags(JsonNode request, String kind) {
        var context = new LinkedHashMap<String, String>();
        request.path("Tags").forEach(tag -> {
            var key = tag.path("Key").asText();
            context.put(
                    "elasticmapreduce:%s/%s".formatted(kind, key),
                    tag.path("Value").asText());
            context.put("aws:%s/%s".formatted(kind, key), tag.path("Value").asText());
        });
        return context;
    }

    private void record(String action, String resource, Map<String, String> context) {
        log.record(action, resource, context);
        log.flush();
    }
}
