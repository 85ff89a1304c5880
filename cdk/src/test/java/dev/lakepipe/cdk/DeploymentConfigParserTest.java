package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentConfigParserTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        var config = parse(Map.of());
        assertThat(config.useCase()).isEqualTo("tpcc");
        assertThat(config.configIdentifier()).isEqualTo("tpcc");
        assertThat(config.network()).isEqualTo(new NetworkConfig.CreateNetwork("10.0.0.0/22"));
        assertThat(config.database())
                .isEqualTo(
                        new DeploymentConfig.Database("xxxxxxxxx", "xxxxxxxxx", "postgres", 5432, "spark", "awsdms"));
        assertThat(config.dms()).isEmpty();
        assertThat(config.createDmsVpcRole()).isFalse();
        assertThat(config.consumption()).isEmpty();
        assertThat(config.schedules()).isEqualTo(new DeploymentConfig.Schedules("rate(7 days)", "rate(2 hours)"));
        assertThat(config.retention()).isEqualTo(new DeploymentConfig.Retention(30, 30));
        assertThat(config.bucketNamePrefix()).isEmpty();
        assertThat(config.adminPrincipalArns()).isEmpty();
        assertThat(config.lakeFormationAdminArns()).isEmpty();
        assertThat(config.launcher().handler()).isEqualTo("dev.lakepipe.launcher.LauncherHandler::handleRequest");
    }

    @Test
    void everyKeySetExplicitly() {
        var config = parse(Map.ofEntries(
                Map.entry("ConfigIdentifier", "tpcc-prod"),
                Map.entry("CreateNetworkInfrastructure", false),
                Map.entry("VpcId", "vpc-0a1b"),
                Map.entry("VpcSubnetIds", "subnet-01, subnet-02"),
                Map.entry("S3VpcEndpointId", "vpce-0abc"),
                Map.entry("DbEndpoint", "db.example.internal"),
                Map.entry("DbName", "tpcc"),
                Map.entry("DbEngine", "postgres"),
                Map.entry("DbPort", 5433),
                Map.entry("DbUserNameSpark", "spark_ro"),
                Map.entry("DbUserNameDms", "dms_repl"),
                Map.entry("CreateDmsVpcRole", "TRUE"),
                Map.entry("CreateDmsInfrastructure", true),
                Map.entry("DmsReplicationInstanceClass", "dms.r5.large"),
                Map.entry("DmsCertificateArn", "arn:aws:dms:eu-west-1:123456789012:cert:X"),
                Map.entry("DmsSchemas", "public,sales"),
                Map.entry("CreateConsumptionStack", "true"),
                Map.entry("QuickSightPrincipalArn", "arn:aws:quicksight:eu-west-1:123456789012:group/default/analysts"),
                Map.entry("IncrementalSchedule", "cron(0 * * * ? *)"),
                Map.entry("FullLoadSchedule", "rate(14 days)"),
                Map.entry("CdcRetentionDays", "45"),
                Map.entry("NoncurrentVersionRetentionDays", "7"),
                Map.entry("BucketNamePrefix", "acme-lake-eu"),
                Map.entry(
                        "AdminPrincipalArns",
                        "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:role/Deploy*"),
                Map.entry("LakeFormationAdminArns", "arn:aws:iam::123456789012:role/Admin"),
                Map.entry("LauncherHandler", "dev.lakepipe.launcher.Other::handle")));
        assertThat(config.configIdentifier()).isEqualTo("tpcc-prod");
        assertThat(config.network())
                .isEqualTo(
                        new NetworkConfig.ExistingNetwork("vpc-0a1b", List.of("subnet-01", "subnet-02"), "vpce-0abc"));
        assertThat(config.database())
                .isEqualTo(new DeploymentConfig.Database(
                        "db.example.internal", "tpcc", "postgres", 5433, "spark_ro", "dms_repl"));
        assertThat(config.createDmsVpcRole()).isTrue();
        assertThat(config.dms())
                .contains(new DeploymentConfig.Dms(
                        "dms.r5.large", "arn:aws:dms:eu-west-1:123456789012:cert:X", List.of("public", "sales")));
        assertThat(config.consumption())
                .contains(new DeploymentConfig.Consumption(
                        "arn:aws:quicksight:eu-west-1:123456789012:group/default/analysts"));
        assertThat(config.schedules()).isEqualTo(new DeploymentConfig.Schedules("rate(14 days)", "cron(0 * * * ? *)"));
        assertThat(config.retention()).isEqualTo(new DeploymentConfig.Retention(45, 7));
        assertThat(config.bucketNamePrefix()).contains("acme-lake-eu");
        assertThat(config.adminPrincipalArns())
                .containsExactly("arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Deploy*");
        assertThat(config.lakeFormationAdminArns()).containsExactly("arn:aws:iam::123456789012:role/Admin");
        assertThat(config.launcher().handler()).isEqualTo("dev.lakepipe.launcher.Other::handle");
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKeyAndTheFix() {
        var context = new HashMap<String, Object>(base());
        context.remove("UseCase");
        context.put("OpsEmailAddress", "not-an-address");
        context.put("DbPort", "70000");
        context.put("IncrementalSchedule", "every 2 hours");
        context.put("CreateConsumptionStack", "yes");
        assertThatThrownBy(() -> DeploymentConfigParser.parse(context::get, dir))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageStartingWith("Invalid CDK context (5 problems):")
                .hasMessageContaining(
                        "Missing context UseCase (use case name; names the Glue database, SSM parameters and resources ([a-z][a-z0-9_]{1,30})); set it with -c UseCase=<value> or in cdk.json \"context\"")
                .hasMessageContaining(
                        "Invalid context OpsEmailAddress: 'not-an-address'; expected operations e-mail address subscribed to the notification topic; fix it with -c OpsEmailAddress=<value>")
                .hasMessageContaining(
                        "Invalid context DbPort: '70000'; expected database port (1-65535); between 1 and 65535")
                .hasMessageContaining("Invalid context IncrementalSchedule: 'every 2 hours'")
                .hasMessageContaining("Invalid context CreateConsumptionStack: 'yes'; expected true or false");
    }

    @Test
    void existingNetworkNeedsVpcSubnetsAndEndpoint() {
        assertThatThrownBy(() -> parse(Map.of("CreateNetworkInfrastructure", "false", "VpcSubnetIds", "subnet-01")))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("Missing context VpcId, required because CreateNetworkInfrastructure is false")
                .hasMessageContaining(
                        "Invalid context VpcSubnetIds: 'subnet-01'; expected exactly two private subnet ids")
                .hasMessageContaining(
                        "Missing context S3VpcEndpointId, required because CreateNetworkInfrastructure is false");
    }

    @Test
    void optionalStacksNeedTheirParameters() {
        assertThatThrownBy(() -> parse(Map.of("CreateDmsInfrastructure", "true", "CreateConsumptionStack", "true")))
                .isInstanceOf(InvalidContextException.class)
                .satisfies(
                        e -> assertThat(((InvalidContextException) e).problems())
                                .containsExactly(
                                        "Missing context DmsCertificateArn, required because CreateDmsInfrastructure is true (DMS certificate (RDS CA bundle) for sslmode verify-ca (required when CreateDmsInfrastructure is true)); set it with -c DmsCertificateArn=<value>",
                                        "Missing context QuickSightPrincipalArn, required because CreateConsumptionStack is true (QuickSight user or group ARN that owns the data source (required when CreateConsumptionStack is true)); set it with -c QuickSightPrincipalArn=<value>"));
    }

    @Test
    void cdcRetentionMustOutlastTheWeeklyFullLoad() {
        assertThatThrownBy(() -> parse(Map.of("CdcRetentionDays", "3")))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("Invalid context CdcRetentionDays: '3'");
    }

    @Test
    void missingLauncherJarSaysToBuildFirst() {
        var context = new HashMap<String, Object>(base());
        context.remove("LauncherJar");
        assertThatThrownBy(() -> DeploymentConfigParser.parse(context::get, dir))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining(
                        "Cannot package the launcher Lambda: expected one launcher/target/*-lambda.jar under %s, found 0; run `make build` first, or set -c LauncherJar=<path to the jar>",
                        dir);
    }

    @Test
    void bucketPrefixMustMakeValidBucketNames() {
        assertThatThrownBy(() -> parse(Map.of("BucketNamePrefix", "Acme_Lake")))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining(
                        "Invalid context BucketNamePrefix: 'Acme_Lake'; expected bucket names are <prefix>-bronze");
    }

    @Test
    void onlyPostgresIsSupported() {
        assertThatThrownBy(() -> parse(Map.of("DbEngine", "mysql")))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining(
                        "Invalid context DbEngine: 'mysql'; expected database engine; only postgres is supported");
    }

    private DeploymentConfig parse(Map<String, Object> overrides) {
        var context = new HashMap<String, Object>(base());
        context.putAll(overrides);
        return DeploymentConfigParser.parse(context::get, dir);
    }

    private Map<String, Object> base() {
        var context = TestDeployment.minimalContext(dir);
        return Optional.of(context).orElseThrow();
    }
}
