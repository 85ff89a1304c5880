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

class DataLakeTemplateTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestDeployment.defaults();
    }

    @Test
    void fiveBucketsAreVersionedEncryptedAndPrivate() {
        template.resourceCountIs("AWS::S3::Bucket", 5);
        template.allResourcesProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "BucketEncryption",
                                Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        List.of(Map.of(
                                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls",
                                        true,
                                        "BlockPublicPolicy",
                                        true,
                                        "IgnorePublicAcls",
                                        true,
                                        "RestrictPublicBuckets",
                                        true),
                        "OwnershipControls",
                                Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
    }

    @Test
    void bucketsAreNamedPrefixDashZoneLikeTheLocalOnes() {
        for (var zone : List.of("bronze", "silver", "gold", "artifacts", "logs")) {
            template.hasResourceProperties(
                    "AWS::S3::Bucket",
                    Map.of(
                            "BucketName",
                            Map.of(
                                    "Fn::Join",
                                    List.of(
                                            "",
                                            List.of("lakepipe-tpcc-", Map.of("Ref", "AWS::AccountId"), "-" + zone)))));
        }
        TestDeployment.everything().hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-lake-bronze"));
    }

    @Test
    void bucketsAreRetainedOnStackDeletion() {
        resources(template, "AWS::S3::Bucket")
                .values()
                .forEach(bucket -> assertThat(bucket)
                        .containsEntry("DeletionPolicy", "Retain")
                        .containsEntry("UpdateReplacePolicy", "Retain"));
    }

    @Test
    void everyBucketExpiresNoncurrentVersionsAndAbortsIncompleteUploads() {
        template.allResourcesProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                Match.arrayWith(List.of(Map.of(
                                        "Id",
                                        "noncurrent-versions-and-incomplete-uploads",
                                        "Status",
                                        "Enabled",
                                        "NoncurrentVersionExpiration",
                                        Map.of("NoncurrentDays", 30),
                                        "AbortIncompleteMultipartUpload",
                                        Map.of("DaysAfterInitiation", 7)))))));
    }

    @Test
    void onlyBronzeExpiresCdcFilesAfterTheRetention() {
        var expiring = resources(template, "AWS::S3::Bucket").entrySet().stream()
                .filter(entry -> String.valueOf(properties(entry.getValue()).get("LifecycleConfiguration"))
                        .contains("expire-cdc-files"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(expiring).singleElement().asString().startsWith("DataLakeBronzeBucket");
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                Match.arrayWith(List.of(Map.of(
                                        "Id",
                                        "expire-cdc-files",
                                        "Prefix",
                                        "incremental/",
                                        "Status",
                                        "Enabled",
                                        "ExpirationInDays",
                                        30))))));
    }

    @Test
    void dataBucketsLogAccessToTheLogsBucket() {
        var logsBucket = TemplateQuery.logicalId(template, "AWS::S3::Bucket", "DataLakeLogsBucket");
        var logging = resources(template, "AWS::S3::Bucket").entrySet().stream()
                .filter(entry -> properties(entry.getValue()).containsKey("LoggingConfiguration"))
                .map(entry -> properties(entry.getValue()).get("LoggingConfiguration"))
                .toList();
        assertThat(logging)
                .hasSize(4)
                .allSatisfy(config ->
                        assertThat(config.toString()).contains(logsBucket).contains("s3-access/"));
    }

    @Test
    void everyBucketDeniesPlainHttpAndOldTls() {
        for (var policy : bucketPolicies()) {
            assertThat(policy.toString())
                    .contains("{Bool={aws:SecureTransport=false}}")
                    .contains("{NumericLessThan={s3:TlsVersion=1.2}}");
        }
    }

    @Test
    void everyBucketDeniesDataAccessOutsideTheVpcEndpointExceptAdminsServicesAndAthena() {
        var endpoint = TemplateQuery.logicalId(template, "AWS::EC2::VPCEndpoint", "NetworkVpcS3Endpoint");
        var denies = TemplateQuery.statements(template)
                .filter(statement -> "DenyDataAccessOutsideVpcEndpoint".equals(statement.get("Sid")))
                .toList();
        assertThat(denies).hasSize(5).allSatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Principal", Map.of("AWS", "*"));
            assertThat(TemplateQuery.list(statement.get("Action")))
                    .contains("s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:ListBucket*");
            assertThat(statement.get("Condition"))
                    .isEqualTo(Map.of(
                            "StringNotEquals", Map.of("aws:SourceVpce", Map.of("Ref", endpoint)),
                            "BoolIfExists", Map.of("aws:PrincipalIsAWSService", "false"),
                            "ForAllValues:StringNotEquals", Map.of("aws:CalledVia", List.of("athena.amazonaws.com")),
                            "ArnNotLike",
                                    Map.of(
                                            "aws:PrincipalArn",
                                            List.of(
                                                    TestDeployment.ADMIN_ROLE,
                                                    Map.of(
                                                            "Fn::GetAtt",
                                                            List.of(
                                                                    TemplateQuery.logicalId(
                                                                            template,
                                                                            "AWS::IAM::Role",
                                                                            "DataLakeLakeFormationDataAccessRole"),
                                                                    "Arn"))))));
        });
    }

    @Test
    void existingNetworkUsesTheGivenS3Endpoint() {
        var denies = TemplateQuery.statements(TestDeployment.everything())
                .filter(statement -> "DenyDataAccessOutsideVpcEndpoint".equals(statement.get("Sid")))
                .toList();
        assertThat(denies)
                .hasSize(5)
                .allSatisfy(statement -> assertThat(statement.get("Condition"))
                        .isEqualTo(Map.of(
                                "StringNotEquals", Map.of("aws:SourceVpce", TestDeployment.S3_ENDPOINT),
                                "BoolIfExists", Map.of("aws:PrincipalIsAWSService", "false"),
                                "ForAllValues:StringNotEquals",
                                        Map.of("aws:CalledVia", List.of("athena.amazonaws.com")),
                                "ArnNotLike",
                                        Map.of(
                                                "aws:PrincipalArn",
                                                List.of(Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                TemplateQuery.logicalId(
                                                                        TestDeployment.everything(),
                                                                        "AWS::IAM::Role",
                                                                        "DataLakeLakeFormationDataAccessRole"),
                                                                "Arn")))))));
    }

    @Test
    void lakeFormationReadsAndWritesOnlySilverAndGold() {
        var statements = TemplateQuery.roleStatements(template, "DataLakeLakeFormationDataAccessRole")
                .toString();
        assertThat(statements)
                .contains(TemplateQuery.logicalId(template, "AWS::S3::Bucket", "DataLakeSilverBucket"))
                .contains(TemplateQuery.logicalId(template, "AWS::S3::Bucket", "DataLakeGoldBucket"))
                .doesNotContain(TemplateQuery.logicalId(template, "AWS::S3::Bucket", "DataLakeBronzeBucket"));
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                List.of(Match.objectLike(
                                        Map.of("Principal", Map.of("Service", "lakeformation.amazonaws.com"))))))));
    }

    private static List<Object> bucketPolicies() {
        var policies = resources(template, "AWS::S3::BucketPolicy").values().stream()
                .map(resource -> properties(resource).get("PolicyDocument"))
                .toList();
        assertThat(policies).hasSize(5);
        return policies;
    }
}
