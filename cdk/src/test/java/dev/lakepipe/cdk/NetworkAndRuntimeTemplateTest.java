package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkAndRuntimeTemplateTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestDeployment.defaults();
    }

    @Test
    void createdVpcHasTwoPrivateSubnetsAndNoInternetRoute() {
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.resourceCountIs("AWS::EC2::Subnet", 2);
        template.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::FlowLog", 1);
    }

    @Test
    void createdVpcHasAnEndpointForEveryServiceThePipelineCalls() {
        var services = resources(template, "AWS::EC2::VPCEndpoint").values().stream()
                .map(endpoint -> String.valueOf(properties(endpoint).get("ServiceName")))
                .toList();
        for (var service : List.of(
                ".s3",
                ".dynamodb",
                "secretsmanager",
                "sts",
                "glue",
                "sns",
                "states",
                ".logs",
                "elasticmapreduce",
                "lakeformation",
                "monitoring")) {
            assertThat(services).as("endpoint for %s", service).anyMatch(name -> name.contains(service));
        }
        assertThat(resources(template, "AWS::EC2::VPCEndpoint").values())
                .filteredOn(endpoint -> "Gateway".equals(properties(endpoint).get("VpcEndpointType")))
                .hasSize(2);
    }

    @Test
    void createdVpcAndSubnetsAreTaggedForTheEmrManagedPolicies() {
        var tag = Map.of("Key", Network.EMR_MANAGED_TAG, "Value", "true");
        template.hasResourceProperties("AWS::EC2::VPC", Map.of("Tags", Match.arrayWith(List.of(tag))));
        template.allResourcesProperties("AWS::EC2::Subnet", Map.of("Tags", Match.arrayWith(List.of(tag))));
        // The VPC's own tag does not spread to its children, e.g. the endpoints' security groups.
        assertThat(resources(template, "AWS::EC2::SecurityGroup").entrySet())
                .filteredOn(group -> group.getKey().contains("Endpoint"))
                .isNotEmpty()
                .allSatisfy(group -> assertThat(group.getValue().toString()).doesNotContain(Network.EMR_MANAGED_TAG));
    }

    @Test
    void existingNetworkCreatesNoVpc() {
        var existing = TestDeployment.everything();
        existing.resourceCountIs("AWS::EC2::VPC", 0);
        existing.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
        existing.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "VpcConfig",
                        Map.of(
                                "SubnetIds",
                                List.of("subnet-0a1b", "subnet-2c3d"),
                                "SecurityGroupIds",
                                Match.anyValue())));
    }

    @Test
    void configTableIsKeyedByIdentifierAndConfigWithPitrAndEncryption() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "KeySchema",
                                List.of(
                                        Map.of("AttributeName", "identifier", "KeyType", "HASH"),
                                        Map.of("AttributeName", "config", "KeyType", "RANGE")),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true),
                        "BillingMode", "PAY_PER_REQUEST"));
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void topicIsEncryptedAndMailsTheOpsAddress() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties(
                "AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        template.hasResourceProperties(
                "AWS::SNS::TopicPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void sparkAndDmsSecretsHoldTheRdsSecretShapeWithAGeneratedPassword() {
        for (var user : List.of("spark", "dms")) {
            template.hasResourceProperties(
                    "AWS::SecretsManager::Secret",
                    Map.of(
                            "Name",
                            "tpcc/rdbms/rds/primary/" + user,
                            "GenerateSecretString",
                            Map.of(
                                    "GenerateStringKey",
                                    "password",
                                    "SecretStringTemplate",
                                    Match.serializedJson(Map.of(
                                            "username",
                                            "spark".equals(user) ? "spark" : "awsdms",
                                            "host",
                                            "xxxxxxxxx",
                                            "port",
                                            5432,
                                            "dbname",
                                            "xxxxxxxxx",
                                            "engine",
                                            "postgres",
                                            "sslmode",
                                            "require")),
                                    "ExcludePunctuation",
                                    true,
                                    "PasswordLength",
                                    32)));
        }
    }
}
