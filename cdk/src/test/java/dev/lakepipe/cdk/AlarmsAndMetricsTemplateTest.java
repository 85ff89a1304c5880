package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.logicalId;
import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static dev.lakepipe.cdk.TemplateQuery.roleStatements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.iam.AccessRequest;
import dev.lakepipe.iam.PolicyEvaluator;
import dev.lakepipe.iam.StackTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The lag metrics' permission and the alarms on the ops topic (docs/operations.md, "Alarms"). */
class AlarmsAndMetricsTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Template defaults;
    private static Template everything;

    @BeforeAll
    static void synth() {
        defaults = TestDeployment.defaults();
        everything = TestDeployment.everything();
    }

    @Test
    void onlyTheSilverRolePublishesMetricsAndOnlyInTheLakepipeNamespace() {
        var statement = Map.<String, Object>of(
                "Sid", "PublishLakepipeMetrics",
                "Effect", "Allow",
                "Action", "cloudwatch:PutMetricData",
                "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Lakepipe")));
        assertThat(roleStatements(defaults, "EmrRolesSilverJobFlowRole")).contains(statement);
        assertThat(TemplateQuery.statements(defaults))
                .filteredOn(candidate -> TemplateQuery.list(candidate.get("Action")).stream()
                        .anyMatch(action -> action.startsWith("cloudwatch:")))
                .containsExactly(statement);
    }

    @Test
    void lagAlarmWatchesTheIdentifiersSecondsBehindCaptureAtTheThresholdParameter() {
        var topic = Map.of("Ref", logicalId(defaults, "AWS::SNS::Topic", "RuntimeNotificationTopic"));
        defaults.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "Lakepipe",
                        "MetricName", "SecondsBehindCapture",
                        "Dimensions", List.of(Map.of("Name", "Identifier", "Value", "tpcc")),
                        "Statistic", "Maximum",
                        "Period", 300,
                        "Threshold", 3600,
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "TreatMissingData", "notBreaching",
                        "AlarmActions", List.of(topic)));
        everything.hasResourceProperties(
                "AWS::CloudWatch::Alarm", Map.of("MetricName", "SecondsBehindCapture", "Threshold", 600));
    }

    @Test
    void everyStateMachineHasAnAlarmOnFailedOrTimedOutExecutions() {
        var machines = resources(defaults, "AWS::StepFunctions::StateMachine").keySet();
        assertThat(machines).isNotEmpty();
        for (var machine : machines) {
            var arn = Map.of("Ref", machine);
            for (var metric : List.of(
                    Map.of("Expression", "FILL(failed, 0) + FILL(timedOut, 0)"),
                    Map.of("Id", "failed", "MetricStat", statesMetric("ExecutionsFailed", arn)),
                    Map.of("Id", "timedOut", "MetricStat", statesMetric("ExecutionsTimedOut", arn)))) {
                defaults.hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Map.of(
                                "Threshold",
                                1,
                                "TreatMissingData",
                                "notBreaching",
                                "AlarmActions",
                                List.of(Map.of("Ref", logicalId(defaults, "AWS::SNS::Topic", "Runtime"))),
                                "Metrics",
                                Match.arrayWith(List.of(Match.objectLike(metric)))));
            }
        }
    }

    private static Map<String, Object> statesMetric(String name, Map<String, String> arn) {
        return Map.of(
                "Metric",
                Map.of(
                        "Namespace",
                        "AWS/States",
                        "MetricName",
                        name,
                        "Dimensions",
                        List.of(Map.of("Name", "StateMachineArn", "Value", arn))),
                "Period",
                300,
                "Stat",
                "Sum");
    }

    @Test
    void dmsLatencyAlarmsUseTheInstanceAndTaskIdentifiersTheStackSets() {
        var identifier = "lakepipe-tpcc-cdc";
        everything.hasResourceProperties(
                "AWS::DMS::ReplicationInstance",
                Map.of("ReplicationInstanceIdentifier", identifier, "ResourceIdentifier", identifier));
        everything.hasResourceProperties(
                "AWS::DMS::ReplicationTask",
                Map.of("ReplicationTaskIdentifier", identifier, "ResourceIdentifier", identifier));
        for (var metric : List.of("CDCLatencySource", "CDCLatencyTarget")) {
            everything.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Map.of(
                            "Namespace",
                            "AWS/DMS",
                            "MetricName",
                            metric,
                            "Dimensions",
                            Match.arrayWith(List.of(
                                    Map.of("Name", "ReplicationInstanceIdentifier", "Value", identifier),
                                    Map.of("Name", "ReplicationTaskIdentifier", "Value", identifier))),
                            "Threshold",
                            300,
                            "EvaluationPeriods",
                            3,
                            "TreatMissingData",
                            "breaching"));
        }
        assertThat(resources(defaults, "AWS::CloudWatch::Alarm").values())
                .noneMatch(alarm -> "AWS/DMS".equals(properties(alarm).get("Namespace")));
    }

    @Test
    void dmsIdentifiersAreWhatDmsAllows() {
        assertThat(Dms.identifier(deployment("shop__eu_"))).isEqualTo("lakepipe-shop-eu-cdc");
    }

    /**
     * DMS refuses a ResourceIdentifier over 31 characters (CreateReplicationInstance, CreateReplicationTask), and the
     * stack would not deploy: a use case of up to 31 characters (StackNames.USE_CASE) must still give a valid one.
     */
    @Test
    void dmsIdentifiersOfTheLongestUseCasesFitDmsAndStayApart() {
        var longest = "a".repeat(31);
        var sameStart = "a".repeat(30) + "b";
        var identifier = Dms.identifier(deployment(longest));
        assertThat(identifier).hasSizeLessThanOrEqualTo(31).matches(Dms.RESOURCE_IDENTIFIER);
        assertThat(identifier).startsWith("lakepipe-aaaaaaaaaaa-").endsWith("-cdc");
        assertThat(Dms.identifier(deployment(sameStart)))
                .matches(Dms.RESOURCE_IDENTIFIER)
                .isNotEqualTo(identifier);
        assertThat(Dms.identifier(deployment("shop_" + "x".repeat(13))))
                .isEqualTo("lakepipe-shop-" + "x".repeat(13) + "-cdc");
        assertThat(Dms.identifier(deployment("shop_" + "x".repeat(14)))).hasSize(31);
    }

    private static DeploymentConfig deployment(String useCase) {
        return DeploymentConfigParser.parse(
                Map.<String, Object>of(
                        "UseCase",
                        useCase,
                        "OpsEmailAddress",
                        "ops@example.com",
                        "LauncherJar",
                        TestDeployment.launcherJar(TestDeployment.tempDir()).toString(),
                        "StateMachinesDir",
                        TestDeployment.stateMachinesDir().toString())::get,
                TestDeployment.REPOSITORY);
    }

    /**
     * The stack's topic policy replaces SNS's default one, so CloudWatch alarms (which publish as the service
     * cloudwatch.amazonaws.com) may publish only if it names them: else every alarm's action fails with "not
     * authorized to perform: SNS:Publish" and nobody hears of it. Evaluated as IAM does, for every alarm of the stack.
     */
    @Test
    void everyAlarmOfTheStackMayPublishToTheOpsTopicAndNoOtherAccountsAlarm() {
        var account = "111122223333";
        var stack = new StackTemplate(JSON.valueToTree(everything.toJSON()), "eu-west-1", account);
        var topic = stack.resolveText(JSON.createObjectNode()
                .put("Ref", logicalId(everything, "AWS::SNS::Topic", "RuntimeNotificationTopic")));
        var policy = stack.topicPolicy(topic);
        var alarms = resources(everything, "AWS::CloudWatch::Alarm").keySet();
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(4);
        for (var alarm : alarms) {
            assertThat(PolicyEvaluator.evaluate(alarmPublish(topic, account, alarm), List.of(), policy)
                            .allowed())
                    .as(alarm)
                    .isTrue();
        }
        assertThat(PolicyEvaluator.evaluate(alarmPublish(topic, "444455556666", "Other"), List.of(), policy)
                        .allowed())
                .isFalse();
    }

    private static AccessRequest alarmPublish(String topic, String account, String alarm) {
        return new AccessRequest(
                "sns:Publish",
                topic,
                "cloudwatch.amazonaws.com",
                Map.of(
                        "aws:SourceArn", List.of("arn:aws:cloudwatch:eu-west-1:" + account + ":alarm:" + alarm),
                        "aws:SourceAccount", List.of(account),
                        "aws:SecureTransport", List.of("true")));
    }

    @Test
    void theOpsTopicsKeyLetsCloudWatchAlarmsPublish() {
        var key = logicalId(defaults, "AWS::KMS::Key", "RuntimeNotificationKey");
        defaults.hasResourceProperties(
                "AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        defaults.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of(
                        "EnableKeyRotation",
                        true,
                        "KeyPolicy",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Sid", "CloudWatchAlarmsPublish",
                                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
        // The topic's publishers (state machine, launcher) get the key with sns:Publish.
        for (var role : List.of("PipelineStateMachineRole", "PipelineLauncher")) {
            assertThat(roleStatementsOfRoleLike(role))
                    .as(role)
                    .anyMatch(statement ->
                            TemplateQuery.list(statement.get("Action")).contains("kms:GenerateDataKey*")
                                    && String.valueOf(statement.get("Resource")).contains(key));
        }
    }

    private static List<Map<String, Object>> roleStatementsOfRoleLike(String prefix) {
        var ids = resources(defaults, "AWS::IAM::Role").keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .toList();
        return ids.stream().flatMap(id -> roleStatements(defaults, id).stream()).toList();
    }
}
