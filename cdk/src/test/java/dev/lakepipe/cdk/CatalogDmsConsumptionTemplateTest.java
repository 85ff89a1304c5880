package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.logicalId;
import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dms.CfnEndpoint;

class CatalogDmsConsumptionTemplateTest {
    private static Template defaults;
    private static Template everything;

    @BeforeAll
    static void synth() {
        defaults = TestDeployment.defaults();
        everything = TestDeployment.everything();
    }

    @Test
    void glueDatabaseIsTheUseCasesLakeDatabase() {
        defaults.hasResourceProperties(
                "AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "tpcc_lake"))));
    }

    @Test
    void theCloudFormationExecutionRoleAndTheAdminsAreAppendedToTheLakeFormationAdmins() {
        var executionRole = Match.objectLike(Map.of("Fn::Sub", Match.stringLikeRegexp(".*cfn-exec-role.*")));
        defaults.hasResourceProperties(
                "AWS::LakeFormation::DataLakeSettings",
                Map.of(
                        "MutationType", "APPEND",
                        "Admins",
                                List.of(
                                        Map.of("DataLakePrincipalIdentifier", executionRole),
                                        Map.of("DataLakePrincipalIdentifier", TestDeployment.ADMIN_ROLE)),
                        "CreateDatabaseDefaultPermissions", List.of(),
                        "CreateTableDefaultPermissions", List.of()));
        // Without LakeFormationAdminArns the grants still need the execution role as admin; the defaults stay.
        everything.hasResourceProperties(
                "AWS::LakeFormation::DataLakeSettings",
                Map.of(
                        "MutationType", "APPEND",
                        "Admins", List.of(Map.of("DataLakePrincipalIdentifier", executionRole)),
                        "CreateDatabaseDefaultPermissions", Match.absent()));
    }

    @Test
    void silverAndGoldLocationsAreRegisteredWithTheLakeFormationRole() {
        defaults.resourceCountIs("AWS::LakeFormation::Resource", 2);
        defaults.hasResourceProperties(
                "AWS::LakeFormation::Resource",
                Map.of(
                        "UseServiceLinkedRole",
                        false,
                        "RoleArn",
                        Map.of(
                                "Fn::GetAtt",
                                List.of(
                                        logicalId(defaults, "AWS::IAM::Role", "DataLakeLakeFormationDataAccessRole"),
                                        "Arn")),
                        "ResourceArn",
                        Map.of(
                                "Fn::GetAtt",
                                List.of(logicalId(defaults, "AWS::S3::Bucket", "DataLakeSilverBucket"), "Arn"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void locationGrantsWaitForTheRegistrationAndEveryGrantForTheAdminSettings() {
        var settings = logicalId(defaults, "AWS::LakeFormation::DataLakeSettings", "CatalogSettings");
        for (var zone : List.of("Silver", "Gold")) {
            var grant = resources(defaults, "AWS::LakeFormation::Permissions")
                    .get(logicalId(
                            defaults, "AWS::LakeFormation::Permissions", "Catalog" + zone + "WriterLocationGrant"));
            assertThat((List<String>) grant.get("DependsOn"))
                    .contains(
                            logicalId(defaults, "AWS::LakeFormation::Resource", "Catalog" + zone + "Location"),
                            settings);
        }
        assertThat(resources(defaults, "AWS::LakeFormation::Permissions").values())
                .allSatisfy(grant ->
                        assertThat((List<String>) grant.get("DependsOn")).contains(settings));
    }

    @Test
    void writerRolesGetTableAndLocationGrantsAndTheBronzeRoleNone() {
        for (var zone : List.of("Silver", "Gold")) {
            var role = Map.of(
                    "Fn::GetAtt",
                    List.of(logicalId(defaults, "AWS::IAM::Role", "EmrRoles" + zone + "JobFlowRole"), "Arn"));
            defaults.hasResourceProperties(
                    "AWS::LakeFormation::Permissions",
                    Map.of(
                            "DataLakePrincipal", Map.of("DataLakePrincipalIdentifier", role),
                            "Permissions", Catalog.WRITER_TABLE_PERMISSIONS,
                            "Resource",
                                    Map.of(
                                            "TableResource",
                                            Match.objectLike(
                                                    Map.of("DatabaseName", "tpcc_lake", "TableWildcard", Map.of())))));
            defaults.hasResourceProperties(
                    "AWS::LakeFormation::Permissions",
                    Map.of(
                            "DataLakePrincipal", Map.of("DataLakePrincipalIdentifier", role),
                            "Permissions", List.of("DATA_LOCATION_ACCESS")));
        }
        var bronze = logicalId(defaults, "AWS::IAM::Role", "EmrRolesBronzeJobFlowRole");
        assertThat(resources(defaults, "AWS::LakeFormation::Permissions")
                        .values()
                        .toString())
                .doesNotContain(bronze);
    }

    @Test
    void dmsIsAbsentUnlessEnabled() {
        defaults.resourceCountIs("AWS::DMS::ReplicationInstance", 0);
        defaults.resourceCountIs("AWS::DMS::ReplicationTask", 0);
        defaults.resourceCountIs("AWS::Athena::WorkGroup", 0);
        defaults.resourceCountIs("AWS::QuickSight::DataSource", 0);
    }

    @Test
    void dmsReplicationInstanceIsPrivateAndKmsEncrypted() {
        everything.hasResourceProperties(
                "AWS::DMS::ReplicationInstance",
                Map.of(
                        "PubliclyAccessible", false,
                        "KmsKeyId",
                                Map.of("Fn::GetAtt", List.of(logicalId(everything, "AWS::KMS::Key", "DmsKey"), "Arn")),
                        "ReplicationSubnetGroupIdentifier",
                                Map.of(
                                        "Ref",
                                        logicalId(everything, "AWS::DMS::ReplicationSubnetGroup", "DmsSubnetGroup"))));
        everything.hasResourceProperties(
                "AWS::DMS::ReplicationSubnetGroup", Map.of("SubnetIds", List.of("subnet-0a1b", "subnet-2c3d")));
        everything.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void dmsVpcRoleIsCreatedOnRequest() {
        everything.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "RoleName",
                        "dms-vpc-role",
                        "AssumeRolePolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                List.of(Match.objectLike(
                                        Map.of("Principal", Map.of("Service", "dms.amazonaws.com"))))))));
        assertThat(resources(everything, "AWS::IAM::Role").toString()).contains("AmazonDMSVPCManagementRole");
        assertThat(resources(defaults, "AWS::IAM::Role").toString()).doesNotContain("dms-vpc-role");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSubnetGroupWaitsForTheNewDmsVpcRoleToPropagate() {
        var role = logicalId(everything, "AWS::IAM::Role", "DmsDmsVpcRole");
        var wait = logicalId(everything, "AWS::CloudFormation::CustomResource", "DmsVpcRolePropagationWait");
        var waitResource =
                resources(everything, "AWS::CloudFormation::CustomResource").get(wait);
        assertThat(properties(waitResource))
                .containsEntry("RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")))
                .containsEntry("Seconds", IamPropagationWait.SECONDS);
        var subnetGroup = resources(everything, "AWS::DMS::ReplicationSubnetGroup")
                .values()
                .iterator()
                .next();
        assertThat((List<String>) subnetGroup.get("DependsOn")).contains(wait);
        everything.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Runtime",
                        "python3.12",
                        "Code",
                        Map.of("ZipFile", IamPropagationWait.HANDLER),
                        "Timeout",
                        IamPropagationWait.SECONDS + 30));
        // No new role, nothing to wait for.
        var withoutRole = TestDeployment.synth(
                TestDeployment.tempDir(),
                Map.of("CreateDmsInfrastructure", "true", "DmsCertificateArn", TestDeployment.DMS_CERTIFICATE));
        withoutRole.resourceCountIs("AWS::CloudFormation::CustomResource", 0);
    }

    @Test
    void sourceEndpointVerifiesTheCaAndUsesPglogicalWithTheDmsSecret() {
        everything.hasResourceProperties(
                "AWS::DMS::Endpoint",
                Map.of(
                        "EndpointType", "source",
                        "EngineName", "postgres",
                        "DatabaseName", "tpcc",
                        "SslMode", "verify-ca",
                        "CertificateArn", TestDeployment.DMS_CERTIFICATE,
                        "PostgreSqlSettings",
                                Match.objectLike(Map.of(
                                        "PluginName",
                                        "pglogical",
                                        "SecretsManagerSecretId",
                                        Map.of(
                                                "Ref",
                                                logicalId(
                                                        everything,
                                                        "AWS::SecretsManager::Secret",
                                                        "RuntimeDmsSecret"))))));
    }

    @Test
    void sourceEndpointCarriesTheSlotAndHeartbeatTheEmulatorUses() {
        var settings = DmsPostgresSourceSettings.lakepipe();
        everything.hasResourceProperties(
                "AWS::DMS::Endpoint",
                Map.of(
                        "EndpointType",
                        "source",
                        "PostgreSqlSettings",
                        Match.objectLike(Map.of(
                                "SlotName",
                                settings.slotName(),
                                "HeartbeatEnable",
                                true,
                                "HeartbeatFrequency",
                                settings.heartbeatFrequencyMinutes(),
                                "MapBooleanAsBoolean",
                                false))));
        // Every key is a property of AWS::DMS::Endpoint PostgreSqlSettings: the L1 class is generated from the
        // CloudFormation spec.
        var cloudFormationNames = Arrays.stream(CfnEndpoint.PostgreSqlSettingsProperty.class.getMethods())
                .map(Method::getName)
                .filter(name -> name.startsWith("get"))
                .map(name -> name.substring(3))
                .toList();
        assertThat(cloudFormationNames)
                .containsAll(settings.toPostgreSqlSettingsMap().keySet());
    }

    @Test
    void targetEndpointAndTaskComeFromTheEmulatorsDefinition() {
        var task = DmsCdcTask.lakepipe("tpcc", List.of("public"));
        var bronze = Map.of("Ref", logicalId(everything, "AWS::S3::Bucket", "DataLakeBronzeBucket"));
        var role = Map.of("Fn::GetAtt", List.of(logicalId(everything, "AWS::IAM::Role", "DmsS3TargetRole"), "Arn"));
        var expectedSettings =
                new LinkedHashMap<String, Object>(task.s3Settings().toS3SettingsMap("bucket", "role"));
        expectedSettings.put("BucketName", bronze);
        expectedSettings.put("ServiceAccessRoleArn", role);
        everything.hasResourceProperties(
                "AWS::DMS::Endpoint",
                Map.of("EndpointType", "target", "EngineName", "s3", "S3Settings", expectedSettings));
        everything.hasResourceProperties(
                "AWS::DMS::ReplicationTask",
                Map.of(
                        "MigrationType", "cdc",
                        "TableMappings", task.tableMappings().toJson(),
                        "ReplicationTaskSettings", task.taskSettingsJson()));
        assertThat(task.tableMappings().toJson())
                .contains("$AR_H_CHANGE_SEQ")
                .contains("trx_seq")
                .contains("_hoodie_is_deleted")
                .as("the truncation markers of the source protection are captured")
                .contains("include-truncation-markers", "\"lakepipe\"", "\"truncations\"");
        assertThat(expectedSettings).containsEntry("BucketFolder", "incremental/tpcc");
    }

    @Test
    void dmsWritesOnlyItsCdcPrefix() {
        var writes = TemplateQuery.roleStatements(everything, "DmsS3TargetRole").stream()
                .filter(statement -> TemplateQuery.list(statement.get("Action")).contains("s3:PutObject"))
                .map(statement -> statement.get("Resource").toString())
                .toList();
        assertThat(writes).singleElement().asString().contains("/incremental/tpcc/*");
    }

    @Test
    void athenaWorkgroupEnforcesEncryptedResults() {
        everything.hasResourceProperties(
                "AWS::Athena::WorkGroup",
                Map.of(
                        "WorkGroupConfiguration",
                        Match.objectLike(Map.of(
                                "EnforceWorkGroupConfiguration",
                                true,
                                "ResultConfiguration",
                                Map.of(
                                        "OutputLocation",
                                                Map.of(
                                                        "Fn::Join",
                                                        List.of(
                                                                "",
                                                                List.of(
                                                                        "s3://",
                                                                        Map.of(
                                                                                "Ref",
                                                                                logicalId(
                                                                                        everything,
                                                                                        "AWS::S3::Bucket",
                                                                                        "DataLakeLogsBucket")),
                                                                        "/athena-results/"))),
                                        "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3"))))));
    }

    @Test
    void quickSightDataSourceUsesTheWorkgroupAndTheReaderIsGrantedSelect() {
        everything.hasResourceProperties(
                "AWS::QuickSight::DataSource",
                Map.of(
                        "Type", "ATHENA",
                        "DataSourceParameters", Map.of("AthenaParameters", Map.of("WorkGroup", "lakepipe-tpcc")),
                        "Permissions", List.of(Match.objectLike(Map.of("Principal", TestDeployment.QUICKSIGHT_USER)))));
        everything.hasResourceProperties(
                "AWS::LakeFormation::Permissions",
                Map.of(
                        "DataLakePrincipal", Map.of("DataLakePrincipalIdentifier", TestDeployment.QUICKSIGHT_USER),
                        "Permissions", List.of("SELECT", "DESCRIBE")));
        assertThat(properties(resources(everything, "AWS::Athena::WorkGroup")
                        .values()
                        .iterator()
                        .next()))
                .containsEntry("Name", "lakepipe-tpcc");
    }
}
