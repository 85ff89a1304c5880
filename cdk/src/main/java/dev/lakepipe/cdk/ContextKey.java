package dev.lakepipe.cdk;

/**
 * The deployment parameters of the original design, read as CDK context ({@code -c Key=value} or
 * {@code cdk.json} "context"). Each key carries its default ({@code null}: required or optional
 * without default) and a one-line description used in error messages and docs/deployment.md.
 */
public enum ContextKey {
    USE_CASE(
            "UseCase",
            null,
            "use case name; names the Glue database, SSM parameters and resources ([a-z][a-z0-9_]{1,30})"),
    CONFIG_IDENTIFIER(
            "ConfigIdentifier",
            null,
            "pipeline config identifier in DynamoDB that the schedules launch (default: UseCase)"),
    CREATE_NETWORK_INFRASTRUCTURE(
            "CreateNetworkInfrastructure",
            "true",
            "create the VPC, private subnets and VPC endpoints (true) or bring your own (false)"),
    VPC_CIDR("VpcCidr", "10.0.0.0/22", "CIDR of the created VPC (two private /24 subnets are carved from it)"),
    VPC_ID("VpcId", null, "existing VPC id (required when CreateNetworkInfrastructure is false)"),
    VPC_SUBNET_IDS(
            "VpcSubnetIds",
            null,
            "two existing private subnet ids, comma separated (required when CreateNetworkInfrastructure is false)"),
    S3_VPC_ENDPOINT_ID(
            "S3VpcEndpointId",
            null,
            "existing S3 VPC endpoint id the bucket policies allow (required when CreateNetworkInfrastructure is false)"),
    OPS_EMAIL_ADDRESS("OpsEmailAddress", null, "operations e-mail address subscribed to the notification topic"),
    DB_ENDPOINT(
            "DbEndpoint",
            "xxxxxxxxx",
            "RDS endpoint (if left as default, update the secrets and the DMS endpoint after deployment)"),
    DB_NAME("DbName", "xxxxxxxxx", "RDS database name"),
    DB_ENGINE("DbEngine", "postgres", "database engine; only postgres is supported"),
    DB_PORT("DbPort", "5432", "database port (1-65535)"),
    DB_USER_NAME_SPARK("DbUserNameSpark", "spark", "database user of the Spark JDBC connection"),
    DB_USER_NAME_DMS("DbUserNameDms", "awsdms", "database user of the DMS source endpoint"),
    CREATE_DMS_VPC_ROLE(
            "CreateDmsVpcRole",
            "false",
            "create the account-wide dms-vpc-role (true only if DMS was never used in this account)"),
    CREATE_DMS_INFRASTRUCTURE(
            "CreateDmsInfrastructure", "false", "create the DMS replication instance, endpoints and CDC task"),
    DMS_INSTANCE_CLASS("DmsReplicationInstanceClass", "dms.c5.xlarge", "DMS replication instance class"),
    DMS_SCHEMAS("DmsSchemas", "public", "source schemas the CDC task captures, comma separated"),
    DMS_CERTIFICATE_ARN(
            "DmsCertificateArn",
            null,
            "DMS certificate (RDS CA bundle) for sslmode verify-ca (required when CreateDmsInfrastructure is true)"),
    CREATE_CONSUMPTION_STACK(
            "CreateConsumptionStack", "false", "create the Athena workgroup and the QuickSight data source"),
    QUICKSIGHT_PRINCIPAL_ARN(
            "QuickSightPrincipalArn",
            null,
            "QuickSight user or group ARN that owns the data source (required when CreateConsumptionStack is true)"),
    INCREMENTAL_SCHEDULE(
            "IncrementalSchedule",
            "rate(2 hours)",
            "EventBridge schedule expression of incremental_hudi: rate(...) or cron(...)"),
    FULL_LOAD_SCHEDULE("FullLoadSchedule", "rate(7 days)", "EventBridge schedule expression of jdbc_load"),
    BUCKET_NAME_PREFIX(
            "BucketNamePrefix",
            null,
            "bucket names are <prefix>-bronze, -silver, -gold, -artifacts, -logs (default lakepipe-<use case>-<account id>; [a-z0-9][a-z0-9-]{2,52})"),
    CDC_RETENTION_DAYS(
            "CdcRetentionDays",
            "30",
            "days CDC change files are kept in bronze incremental/ (>= 8, longer than the full-load period)"),
    LAG_ALARM_SECONDS(
            "LagAlarmSeconds",
            "3600",
            "the lag alarm fires when a table's newest applied change is this many seconds behind the newest captured one"),
    DMS_LATENCY_ALARM_SECONDS(
            "DmsLatencyAlarmSeconds",
            "900",
            "the DMS latency alarm fires when CDCLatencySource or CDCLatencyTarget stays above this many seconds"),
    NONCURRENT_VERSION_DAYS("NoncurrentVersionRetentionDays", "30", "days noncurrent object versions are kept (>= 1)"),
    ADMIN_PRINCIPAL_ARNS(
            "AdminPrincipalArns",
            "",
            "IAM principal ARNs (patterns allowed) exempt from the VPC-endpoint-only bucket policy, comma separated"),
    LAKE_FORMATION_ADMIN_ARNS(
            "LakeFormationAdminArns",
            "",
            "Lake Formation administrators, comma separated (the deploying role must be one of them)"),
    LAUNCHER_JAR(
            "LauncherJar",
            null,
            "launcher Lambda jar (default: the launcher module's *-lambda.jar under launcher/target)"),
    LAUNCHER_HANDLER(
            "LauncherHandler", "dev.lakepipe.launcher.LauncherHandler::handleRequest", "launcher Lambda handler"),
    STATE_MACHINES_DIR(
            "StateMachinesDir",
            null,
            "folder of the *.asl.json state machines (default: state-machines/ in the repository)");

    private final String key;
    private final String defaultValue;
    private final String description;

    ContextKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The default as it would be written in {@code -c}; {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
