package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.logicalId;
import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static dev.lakepipe.cdk.TemplateQuery.roleStatements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PipelineTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestDeployment.defaults();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStateMachineIsItsFileWithEachPlaceholderSubstituted() {
        var definitions = StateMachineDefinition.readAll(TestDeployment.stateMachinesDir());
        assertThat(definitions).isNotEmpty();
        var machines = resources(template, "AWS::StepFunctions::StateMachine");
        assertThat(machines).hasSameSizeAs(definitions);
        for (var definition : definitions) {
            var machine = properties(machines.get(logicalId(
                    template, "AWS::StepFunctions::StateMachine", "Pipeline" + definition.title() + "StateMachine")));
            assertThat(machine.get("StateMachineName")).isEqualTo("lakepipe-tpcc-" + definition.name());
            assertThat(machine.get("DefinitionString"))
                    .as(definition.file().toString())
                    .isEqualTo(definition.text());
            var substitutions = (Map<String, Object>) machine.getOrDefault("DefinitionSubstitutions", Map.of());
            assertThat(substitutions.keySet())
                    .as("substitutions of " + definition.file())
                    .isEqualTo(definition.placeholders());
            assertThat(substitutions.values())
                    .allSatisfy(value -> assertThat(value).isNotNull().isNotEqualTo(""));
        }
    }

    @Test
    void placeholdersResolveToTheResourcesTheyName() {
        var expected = Map.of(
                "BronzeBucket", Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "DataLakeBronzeBucket")),
                "SilverBucket", Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "DataLakeSilverBucket")),
                "ConfigTable", Map.of("Ref", logicalId(template, "AWS::DynamoDB::Table", "RuntimeConfigTable")),
                "SnsTopicArn", Map.of("Ref", logicalId(template, "AWS::SNS::Topic", "RuntimeNotificationTopic")),
                "EmrServiceRole", Map.of("Ref", logicalId(template, "AWS::IAM::Role", "EmrRolesServiceRole")),
                "SilverJobFlowRole",
                        Map.of(
                                "Ref",
                                logicalId(template, "AWS::IAM::InstanceProfile", "EmrRolesSilverInstanceProfile")),
                "BronzeJobFlowRole",
                        Map.of(
                                "Ref",
                                logicalId(template, "AWS::IAM::InstanceProfile", "EmrRolesBronzeInstanceProfile")),
                "LauncherFunctionArn",
                        Map.of(
                                "Fn::GetAtt",
                                List.of(
                                        logicalId(template, "AWS::Lambda::Function", "PipelineLauncherFunction"),
                                        "Arn")));
        resources(template, "AWS::StepFunctions::StateMachine").values().forEach(machine -> {
            @SuppressWarnings("unchecked")
            var substitutions =
                    (Map<String, Object>) properties(machine).getOrDefault("DefinitionSubstitutions", Map.of());
            substitutions.forEach((name, value) -> {
                if (expected.containsKey(name)) {
                    assertThat(value).as(name).isEqualTo(expected.get(name));
                }
            });
        });
    }

    @Test
    void stateMachinesLogEverythingAndAreTraced() {
        template.allResourcesProperties(
                "AWS::StepFunctions::StateMachine",
                Map.of(
                        "LoggingConfiguration",
                                Map.of("Level", "ALL", "IncludeExecutionData", true, "Destinations", Match.anyValue()),
                        "TracingConfiguration", Map.of("Enabled", true)));
        template.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Map.of("LogGroupName", "/aws/vendedlogs/states/lakepipe-tpcc", "RetentionInDays", 365));
    }

    @Test
    void launcherIsAJava17LambdaInThePrivateSubnets() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Runtime", "java17",
                        "Handler", "dev.lakepipe.launcher.LauncherHandler::handleRequest",
                        "TracingConfig", Map.of("Mode", "Active"),
                        "VpcConfig", Map.of("SubnetIds", Match.anyValue(), "SecurityGroupIds", Match.anyValue()),
                        "Environment",
                                Map.of(
                                        "Variables",
                                        Match.objectLike(Map.of(
                                                "LAKEPIPE_CONFIG_TABLE",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::DynamoDB::Table",
                                                                        "RuntimeConfigTable")),
                                                "LAKEPIPE_STATE_MACHINE_ARN", Match.anyValue(),
                                                "LAKEPIPE_SNS_TOPIC_ARN",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::SNS::Topic",
                                                                        "RuntimeNotificationTopic")),
                                                "LAKEPIPE_BRONZE_BUCKET",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::S3::Bucket",
                                                                        "DataLakeBronzeBucket")),
                                                "LAKEPIPE_SILVER_BUCKET",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::S3::Bucket",
                                                                        "DataLakeSilverBucket")),
                                                "LAKEPIPE_GOLD_BUCKET",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::S3::Bucket",
                                                                        "DataLakeGoldBucket")),
                                                "LAKEPIPE_ARTIFACTS_BUCKET",
                                                        Map.of(
                                                                "Ref",
                                                                logicalId(
                                                                        template,
                                                                        "AWS::S3::Bucket",
                                                                        "DataLakeArtifactsBucket")))))));
    }

    @Test
    void zoneRolesWriteOnlyTheirOwnBucket() throws Exception {
        assertWrites("EmrRolesBronzeJobFlowRole", "DataLakeBronzeBucket", "/full/*");
        assertWrites(
                "EmrRolesSilverJobFlowRole",
                "DataLakeSilverBucket",
                "/*",
                objectPattern("DataLakeLogsBucket", "/cdc/*"));
        assertWrites("EmrRolesGoldJobFlowRole", "DataLakeGoldBucket", "/*");
    }

    @Test
    void theBronzeAndSilverEmrRolesReadTheSparkSecretAndGoldDoesNot() {
        var secret = logicalId(template, "AWS::SecretsManager::Secret", "RuntimeSparkSecret");
        assertThat(roleStatements(template, "EmrRolesBronzeJobFlowRole").toString())
                .contains(secret);
        assertThat(roleStatements(template, "EmrRolesSilverJobFlowRole").toString())
                .as("seed_hudi and the apply read dbname")
                .contains(secret);
        assertThat(roleStatements(template, "EmrRolesGoldJobFlowRole").toString())
                .doesNotContain("secretsmanager");
    }

    @Test
    void theSilverRoleWritesTheApplyStatusFilesAndTheGlueRolesMayLookUpTheDefaultDatabase() {
        var status = objectPattern("DataLakeLogsBucket", "/cdc/*");
        assertThat(roleStatements(template, "EmrRolesSilverJobFlowRole")).anySatisfy(statement -> {
            assertThat(json(statement.get("Resource"))).isEqualTo(status);
            assertThat(TemplateQuery.list(statement.get("Action")))
                    .containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        });
        for (var role : List.of("EmrRolesSilverJobFlowRole", "EmrRolesGoldJobFlowRole")) {
            assertThat(roleStatements(template, role)).as(role).anySatisfy(statement -> {
                assertThat(TemplateQuery.list(statement.get("Action"))).containsExactly("glue:GetDatabase");
                assertThat(json(statement.get("Resource"))).contains(":database/default");
            });
        }
    }

    @Test
    void theSilverAndGoldRolesMaySyncTheirCommitsToTheLakeDatabaseAndNothingElseInGlue() {
        for (var role : List.of("EmrRolesSilverJobFlowRole", "EmrRolesGoldJobFlowRole")) {
            var glue = roleStatements(template, role).stream()
                    .filter(statement ->
                            TemplateQuery.list(statement.get("Action")).contains("glue:GetTable"))
                    .toList();
            assertThat(glue).as(role).hasSize(1);
            assertThat(TemplateQuery.list(glue.get(0).get("Action")))
                    .as("%s: every Glue call of Hudi's Hive sync after a commit, and no other", role)
                    .containsExactlyInAnyOrder(
                            "glue:GetDatabase",
                            "glue:GetTable",
                            "glue:CreateTable",
                            "glue:UpdateTable",
                            "glue:GetPartition",
                            "glue:GetPartitions",
                            "glue:BatchCreatePartition",
                            "glue:UpdatePartition",
                            "glue:DeletePartition");
            assertThat(json(glue.get(0).get("Resource")))
                    .as(role)
                    .contains(":catalog\"", ":database/tpcc_lake\"", ":table/tpcc_lake/*\"")
                    .doesNotContain("database/*", "table/*/");
        }
    }

    @Test
    void readsFollowTheZones() throws Exception {
        assertThat(readTargets("EmrRolesSilverJobFlowRole"))
                .anyMatch(target -> target.contains("DataLakeBronzeBucket"));
        assertThat(readTargets("EmrRolesGoldJobFlowRole")).noneMatch(target -> target.contains("DataLakeBronzeBucket"));
        assertThat(readTargets("EmrRolesBronzeJobFlowRole"))
                .noneMatch(target -> target.contains("DataLakeSilverBucket") || target.contains("DataLakeGoldBucket"));
    }

    @Test
    void onlyTheGoldRoleReadsTheSqlFilesOfSqlSteps() {
        var sqlFiles = objectPattern("DataLakeArtifactsBucket", "/sql/*");
        assertThat(readTargets("EmrRolesGoldJobFlowRole"))
                .as("SqlStep --sql s3://<artifacts>/sql/...")
                .contains(sqlFiles);
        assertThat(readTargets("EmrRolesSilverJobFlowRole")).doesNotContain(sqlFiles);
        assertThat(readTargets("EmrRolesBronzeJobFlowRole")).doesNotContain(sqlFiles);
    }

    @Test
    void stateMachineRolePassesOnlyTheEmrRolesToEmrAndEc2() {
        var passRole = roleStatements(template, "PipelineStateMachineRole").stream()
                .filter(statement -> TemplateQuery.list(statement.get("Action")).contains("iam:PassRole"))
                .toList();
        assertThat(passRole).singleElement().satisfies(statement -> {
            assertThat(statement.get("Resource"))
                    .isEqualTo(List.of(
                            Map.of(
                                    "Fn::GetAtt",
                                    List.of(logicalId(template, "AWS::IAM::Role", "EmrRolesServiceRole"), "Arn")),
                            Map.of(
                                    "Fn::GetAtt",
                                    List.of(logicalId(template, "AWS::IAM::Role", "EmrRolesBronzeJobFlowRole"), "Arn")),
                            Map.of(
                                    "Fn::GetAtt",
                                    List.of(logicalId(template, "AWS::IAM::Role", "EmrRolesSilverJobFlowRole"), "Arn")),
                            Map.of(
                                    "Fn::GetAtt",
                                    List.of(logicalId(template, "AWS::IAM::Role", "EmrRolesGoldJobFlowRole"), "Arn"))));
            assertThat(statement.get("Condition"))
                    .isEqualTo(Map.of(
                            "StringEquals",
                            Map.of(
                                    "iam:PassedToService",
                                    List.of("elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"))));
        });
    }

    @Test
    void stateMachineRoleHasTheEmrSyncPermissions() {
        var actions = roleStatements(template, "PipelineStateMachineRole").stream()
                .flatMap(statement -> TemplateQuery.list(statement.get("Action")).stream())
                .toList();
        assertThat(actions)
                .contains(
                        "elasticmapreduce:RunJobFlow",
                        "elasticmapreduce:DescribeCluster",
                        "elasticmapreduce:TerminateJobFlows",
                        "elasticmapreduce:AddJobFlowSteps",
                        "elasticmapreduce:DescribeStep",
                        "elasticmapreduce:CancelSteps",
                        "events:PutTargets",
                        "events:PutRule",
                        "events:DescribeRule",
                        "sns:Publish",
                        "lambda:InvokeFunction");
        assertThat(actions)
                .noneMatch(action ->
                        action.startsWith("dynamodb:") || action.startsWith("s3:") || action.startsWith("states:"));
        assertThat(roleStatements(template, "PipelineStateMachineRole").toString())
                .contains("rule/StepFunctionsGetEventForEMRRunJobFlowRule");
    }

    @Test
    void stateMachineRoleRunsOnlyTaggedClustersAndActsOnlyOnThem() {
        var emrStatements = roleStatements(template, "PipelineStateMachineRole").stream()
                .filter(statement -> TemplateQuery.list(statement.get("Action")).stream()
                        .anyMatch(action -> action.startsWith("elasticmapreduce:")))
                .toList();
        assertThat(emrStatements)
                .hasSize(2)
                .allSatisfy(statement -> assertThat(statement).containsKey("Condition"));
        assertThat(emrStatements)
                .anySatisfy(statement -> assertThat(statement.get("Condition"))
                        .isEqualTo(Map.of(
                                "StringEquals", Map.of("elasticmapreduce:RequestTag/lakepipe:use-case", "tpcc"))));
        assertThat(emrStatements).anySatisfy(statement -> {
            assertThat(TemplateQuery.list(statement.get("Action")))
                    .contains("elasticmapreduce:TerminateJobFlows", "elasticmapreduce:AddJobFlowSteps");
            assertThat(statement.get("Condition"))
                    .isEqualTo(
                            Map.of("StringEquals", Map.of("elasticmapreduce:ResourceTag/lakepipe:use-case", "tpcc")));
        });
    }

    @Test
    void everyClusterIsTaggedWithTheUseCaseAndForTheEmrManagedPolicies() throws IOException {
        var definition = new ObjectMapper()
                .readTree(TestDeployment.stateMachinesDir()
                        .resolve("pipeline.asl.json")
                        .toFile());
        var tags = new ArrayList<String>();
        definition
                .findParents("ReleaseLabel.$")
                .forEach(runJobFlow -> runJobFlow
                        .path("Tags")
                        .forEach(tag -> tags.add(tag.path("Key").asText() + "="
                                + tag.path("Value").asText())));
        assertThat(tags)
                .contains("for-use-with-amazon-emr-managed-policies=true", Pipeline.USE_CASE_TAG + "=${UseCase}");
    }

    @Test
    void schedulesAreCreatedDisabledAndTargetTheLauncher() {
        template.resourceCountIs("AWS::Events::Rule", 2);
        template.allResourcesProperties("AWS::Events::Rule", Map.of("State", "DISABLED"));
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "rate(7 days)",
                        "Targets",
                        List.of(Match.objectLike(Map.of(
                                "Input",
                                Match.serializedJson(Map.of("identifier", "tpcc", "pipeline", "jdbc_load")))))));
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "rate(2 hours)",
                        "Targets",
                        List.of(Match.objectLike(Map.of(
                                "Input",
                                Match.serializedJson(Map.of("identifier", "tpcc", "pipeline", "incremental_hudi")))))));
        TestDeployment.everything()
                .hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 hour)"));
    }

    @Test
    void ssmParametersNameTheRulesTheBucketAndTheStateMachine() {
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Map.of(
                        "Name",
                        "/lakepipe/tpcc/rules/jdbc_load",
                        "Type",
                        "String",
                        "Value",
                        Map.of("Ref", logicalId(template, "AWS::Events::Rule", "PipelineJdbcLoadSchedule"))));
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Map.of(
                        "Name",
                        "/lakepipe/tpcc/rules/incremental_hudi",
                        "Value",
                        Map.of("Ref", logicalId(template, "AWS::Events::Rule", "PipelineIncrementalHudiSchedule"))));
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Map.of(
                        "Name",
                        "/lakepipe/tpcc/buckets/artifacts",
                        "Value",
                        Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "DataLakeArtifactsBucket"))));
        template.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/lakepipe/tpcc/state-machine/pipeline"));
    }

    private static void assertWrites(String role, String bucket, String keyPattern, String... others) throws Exception {
        var writes = roleStatements(template, role).stream()
                .filter(statement -> TemplateQuery.list(statement.get("Action")).contains("s3:PutObject"))
                .map(statement -> json(statement.get("Resource")))
                .toList();
        var expected = new ArrayList<>(
                List.of(objectPattern(bucket, keyPattern), objectPattern("DataLakeLogsBucket", "/emr/*")));
        expected.addAll(List.of(others));
        assertThat(writes).as("writes of " + role).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> readTargets(String role) {
        return roleStatements(template, role).stream()
                .filter(statement -> TemplateQuery.list(statement.get("Action")).contains("s3:GetObject"))
                .map(statement -> json(statement.get("Resource")))
                .toList();
    }

    private static String objectPattern(String bucketPrefix, String keyPattern) {
        return json(Map.of(
                "Fn::Join",
                List.of(
                        "",
                        List.of(
                                Map.of(
                                        "Fn::GetAtt",
                                        List.of(logicalId(template, "AWS::S3::Bucket", bucketPrefix), "Arn")),
                                keyPattern))));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
