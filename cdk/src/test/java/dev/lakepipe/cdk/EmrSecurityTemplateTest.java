package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.logicalId;
import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every cluster runs with a security configuration that KMS-encrypts its local disks and EBS volumes. */
class EmrSecurityTemplateTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestDeployment.defaults();
    }

    @Test
    void securityConfigurationEncryptsLocalDisksAndEbsWithTheStacksKey() {
        var key = Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::KMS::Key", "EmrSecurityDiskKey"), "Arn"));
        template.hasResourceProperties(
                "AWS::EMR::SecurityConfiguration",
                Map.of(
                        "SecurityConfiguration",
                        Map.of(
                                "EncryptionConfiguration",
                                Map.of(
                                        "EnableAtRestEncryption", true,
                                        "EnableInTransitEncryption", false,
                                        "AtRestEncryptionConfiguration",
                                                Map.of(
                                                        "S3EncryptionConfiguration", Map.of("EncryptionMode", "SSE-S3"),
                                                        "LocalDiskEncryptionConfiguration",
                                                                Map.of(
                                                                        "EncryptionKeyProviderType",
                                                                        "AwsKms",
                                                                        "AwsKmsKey",
                                                                        key,
                                                                        "EnableEbsEncryption",
                                                                        true))))));
        template.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of("Description", Match.stringLikeRegexp(".*EMR local disks.*"), "EnableKeyRotation", true));
    }

    @Test
    void everyStateMachineGetsItAndEveryClusterUsesIt() throws IOException {
        var configuration = Map.of(
                "Ref", logicalId(template, "AWS::EMR::SecurityConfiguration", "EmrSecuritySecurityConfiguration"));
        template.hasResourceProperties(
                "AWS::StepFunctions::StateMachine",
                Map.of("DefinitionSubstitutions", Match.objectLike(Map.of("EmrSecurityConfiguration", configuration))));
        var definition = new ObjectMapper()
                .readTree(TestDeployment.stateMachinesDir()
                        .resolve("pipeline.asl.json")
                        .toFile());
        var runJobFlows = definition.findParents("ReleaseLabel.$");
        assertThat(runJobFlows)
                .isNotEmpty()
                .allSatisfy(runJobFlow -> assertThat(
                                runJobFlow.path("SecurityConfiguration").asText())
                        .isEqualTo("${EmrSecurityConfiguration}"));
    }

    @Test
    void jobFlowRolesMayUseTheKeyAndTheServiceRoleMayGrantItToEbs() {
        var key = logicalId(template, "AWS::KMS::Key", "EmrSecurityDiskKey");
        for (var role : List.of(
                "EmrRolesBronzeJobFlowRole",
                "EmrRolesSilverJobFlowRole",
                "EmrRolesGoldJobFlowRole",
                "EmrRolesServiceRole")) {
            assertThat(TemplateQuery.roleStatements(template, role)).as(role).anySatisfy(statement -> {
                assertThat(TemplateQuery.list(statement.get("Action"))).containsAll(EmrSecurity.KEY_USE);
                assertThat(statement.get("Resource").toString()).contains(key);
            });
        }
        assertThat(TemplateQuery.roleStatements(template, "EmrRolesServiceRole"))
                .anySatisfy(statement -> {
                    assertThat(statement.get("Action")).isEqualTo("kms:CreateGrant");
                    assertThat(statement.get("Condition"))
                            .isEqualTo(Map.of("Bool", Map.of("kms:GrantIsForAWSResource", "true")));
                });
        assertThat(resources(template, "AWS::EMR::SecurityConfiguration")).hasSize(1);
        assertThat(properties(resources(template, "AWS::EMR::SecurityConfiguration")
                        .values()
                        .iterator()
                        .next()))
                .containsEntry("Name", "lakepipe-tpcc-emr");
    }
}
