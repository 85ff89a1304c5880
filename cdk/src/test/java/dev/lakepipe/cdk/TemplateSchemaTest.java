package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Every synthesized resource against the CloudFormation registry schemas ({@code @aws-cdk/aws-service-spec}, pinned
 * in cdk/package-lock.json), for the default context and for the full one (DMS, consumption, admins), created and
 * existing network: what CloudFormation would refuse at deployment fails here.
 */
class TemplateSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ResourceSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = ResourceSchemas.load();
    }

    @Test
    void defaultContextMatchesTheSchemas() {
        assertThat(schemas.validate(json(TestDeployment.synth(TestDeployment.tempDir(), Map.of()))))
                .isEmpty();
    }

    @Test
    void fullContextMatchesTheSchemas() {
        var full = TestDeployment.synth(
                TestDeployment.tempDir(),
                Map.of(
                        "CreateDmsInfrastructure",
                        "true",
                        "CreateDmsVpcRole",
                        "true",
                        "DmsCertificateArn",
                        TestDeployment.DMS_CERTIFICATE,
                        "DbName",
                        "tpcc",
                        "CreateConsumptionStack",
                        "true",
                        "QuickSightPrincipalArn",
                        TestDeployment.QUICKSIGHT_USER,
                        "AdminPrincipalArns",
                        TestDeployment.ADMIN_ROLE,
                        "LakeFormationAdminArns",
                        TestDeployment.ADMIN_ROLE));
        assertThat(resourceTypes(full))
                .contains(
                        "AWS::DMS::Endpoint",
                        "AWS::DMS::ReplicationTask",
                        "AWS::QuickSight::DataSource",
                        "AWS::Athena::WorkGroup",
                        "AWS::LakeFormation::DataLakeSettings",
                        "AWS::EMR::SecurityConfiguration");
        assertThat(schemas.validate(json(full))).isEmpty();
    }

    @Test
    void existingNetworkWithDmsAndConsumptionMatchesTheSchemas() {
        assertThat(schemas.validate(json(TestDeployment.everything()))).isEmpty();
    }

    @Test
    void namesEveryKindOfMistake() {
        var stack = new Stack(new App(), "Bad");
        CfnResource.Builder.create(stack, "MisspelledBucket")
                .type("AWS::S3::Bucket")
                .properties(Map.of("BucketNmae", "data", "VersioningConfiguration", Map.of("Status", "Enabled")))
                .build();
        CfnResource.Builder.create(stack, "EndpointWithoutType")
                .type("AWS::DMS::Endpoint")
                .properties(Map.of("EngineName", "postgres"))
                .build();
        CfnResource.Builder.create(stack, "WrongTypes")
                .type("AWS::SQS::Queue")
                .properties(
                        Map.of("DelaySeconds", "soon", "FifoQueue", Map.of("yes", true), "Tags", List.of("team=data")))
                .build();
        CfnResource.Builder.create(stack, "NotAnAllowedValue")
                .type("AWS::Amplify::App")
                .properties(Map.of("Name", "site", "Platform", "DESKTOP"))
                .build();
        CfnResource.Builder.create(stack, "NoSuchType").type("AWS::S3::Bukket").build();

        var problems = schemas.validate(json(Template.fromStack(stack)));
        assertThat(problems)
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("MisspelledBucket (AWS::S3::Bucket): unknown property BucketNmae (the schema has [")
                        .contains("BucketName"));
        assertThat(problems.stream()
                        .filter(problem -> !problem.startsWith("MisspelledBucket"))
                        .toList())
                .containsExactlyInAnyOrder(
                        "EndpointWithoutType (AWS::DMS::Endpoint): missing required property EndpointType",
                        "WrongTypes (AWS::SQS::Queue).DelaySeconds: expected an integer, got \"soon\"",
                        "WrongTypes (AWS::SQS::Queue).FifoQueue: expected a boolean, got {\"yes\":true}",
                        "WrongTypes (AWS::SQS::Queue).Tags[0]: expected a tag {Key, Value}, got \"team=data\"",
                        "NotAnAllowedValue (AWS::Amplify::App).Platform: 'DESKTOP' is not one of [\"WEB\",\"WEB_DYNAMIC\",\"WEB_COMPUTE\"]",
                        "NoSuchType: unknown resource type AWS::S3::Bukket");
    }

    private static JsonNode json(Template template) {
        return JSON.valueToTree(template.toJSON());
    }

    private static List<String> resourceTypes(Template template) {
        var types = new ArrayList<String>();
        json(template)
                .path("Resources")
                .forEach(resource -> types.add(resource.path("Type").asText()));
        return types;
    }
}
