package dev.lakepipe.cdk;

import dev.lakepipe.metrics.MetricsPublisher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CfnInstanceProfile;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The EMR service role and one job-flow (EC2 instance profile) role per zone. Each zone role reads
 * the artifacts and writes its own bucket only:
 * <ul>
 * <li>bronze (jdbc_load): reads the Spark secret, writes {@code full/} of bronze;</li>
 * <li>silver (seed/incremental/continuous Hudi): reads bronze and the Spark secret's dbname, writes silver, the Glue
 * tables, the CDC apply's status files ({@code cdc/} of logs) and its metrics (CloudWatch namespace {@code Lakepipe});</li>
 * <li>gold (custom pipelines): reads silver and the SQL files of SQL steps ({@code sql/} of artifacts), writes gold and the
 * Glue tables.</li>
 * </ul>
 */
public final class EmrRoles extends Construct {
    static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion");
    static final List<String> WRITE = List.of(
            "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
    /**
     * The Glue calls of Hudi's Hive sync after each commit (HMS mode through EMR's Glue metastore client; Hudi 0.15
     * {@code HiveSyncTool}, {@code HMSDDLExecutor}), and no more: look-ups of the database and table; the table's creation
     * and its update on every commit ({@code last_commit_time_sync}, new columns); the written partitions' look-up,
     * creation of new ones, update of moved ones or of every one when columns change (cascade), and deletion of a partition
     * the cleaner emptied (the client reads it first). A SQL step's table look-ups are among them.
     */
    static final List<String> GLUE_SYNC_ACTIONS = List.of(
            "glue:GetDatabase",
            "glue:GetTable",
            "glue:CreateTable",
            "glue:UpdateTable",
            "glue:GetPartition",
            "glue:GetPartitions",
            "glue:BatchCreatePartition",
            "glue:UpdatePartition",
            "glue:DeletePartition");

    static final List<String> STATUS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    /** Where the CDC apply writes its status files in the logs bucket (ApplyStepOptions.statusDir). */
    static final String CDC_STATUS_PREFIX = "cdc/";
    /** Where SQL steps' query files live in the artifacts bucket (docs/consumption.md, {@code SqlStep --sql}). */
    static final String SQL_PREFIX = "sql/";
    /** Zones that run EMR steps; artifacts and logs have no job-flow role of their own. */
    public static final List<Zone> JOB_ZONES = List.of(Zone.BRONZE, Zone.SILVER, Zone.GOLD);

    private final Role serviceRole;
    private final Map<Zone, Role> jobFlowRoles = new EnumMap<>(Zone.class);
    private final Map<Zone, CfnInstanceProfile> instanceProfiles = new EnumMap<>(Zone.class);

    public EmrRoles(Construct scope, String id, DataLake lake, ISecret sparkSecret, String glueDatabase) {
        super(scope, id);
        for (var zone : JOB_ZONES) {
            var role = Role.Builder.create(this, zone.title() + "JobFlowRole")
                    .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                    .description("lakepipe EMR job-flow role of the %s zone"
                            .formatted(zone.name().toLowerCase()))
                    .build();
            commonGrants(role, lake);
            jobFlowRoles.put(zone, role);
            instanceProfiles.put(
                    zone,
                    CfnInstanceProfile.Builder.create(this, zone.title() + "InstanceProfile")
                            .roles(List.of(role.getRoleName()))
                            .build());
        }
        var bronze = jobFlowRoles.get(Zone.BRONZE);
        allow(bronze, WRITE, lake.bucket(Zone.BRONZE), "full/*");
        sparkSecret.grantRead(bronze);
        var silver = jobFlowRoles.get(Zone.SILVER);
        allow(silver, READ, lake.bucket(Zone.BRONZE), "*");
        allow(silver, WRITE, lake.bucket(Zone.SILVER), "*");
        // seed_hudi and the CDC apply read the secret's dbname: the bronze folders are full/<db>/ and
        // incremental/<db>/.
        sparkSecret.grantRead(silver);
        // The apply's status file, <logs>/cdc/<identifier>/<table>.json, written as temp file, delete, rename (copy +
        // delete).
        allow(silver, STATUS, lake.bucket(Zone.LOGS), CDC_STATUS_PREFIX + "*");
        // The apply's lag metrics. PutMetricData has no resource: the namespace condition is its only scope.
        silver.addToPolicy(PolicyStatement.Builder.create()
                .sid("PublishLakepipeMetrics")
                .actions(List.of(MetricsPublisher.ACTION))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals", Map.of(MetricsPublisher.NAMESPACE_CONDITION_KEY, MetricsPublisher.NAMESPACE)))
                .build());
        var gold = jobFlowRoles.get(Zone.GOLD);
        allow(gold, READ, lake.bucket(Zone.SILVER), "*");
        allow(gold, READ, lake.bucket(Zone.ARTIFACTS), SQL_PREFIX + "*");
        allow(gold, WRITE, lake.bucket(Zone.GOLD), "*");
        for (var role : List.of(silver, gold)) {
            role.addToPolicy(glueStatement(glueDatabase));
            // The Glue metastore client (Hudi's Hive sync on EMR) looks up the default database when it starts.
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("glue:GetDatabase"))
                    .resources(List.of(
                            Stack.of(this).formatArn(arn("catalog", null)),
                            Stack.of(this).formatArn(arn("database", "default"))))
                    .build());
            // Lake Formation vends the table data credentials; the permissions themselves are LF grants (Catalog).
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("lakeformation:GetDataAccess"))
                    .resources(List.of("*"))
                    .build());
        }
        serviceRole = Role.Builder.create(this, "ServiceRole")
                .assumedBy(new ServicePrincipal("elasticmapreduce.amazonaws.com"))
                .description("lakepipe EMR service role (managed policy v2: acts on resources tagged for EMR only)")
                .managedPolicies(
                        List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonEMRServicePolicy_v2")))
                .build();
        serviceRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("PassJobFlowRolesToEc2")
                .actions(List.of("iam:PassRole"))
                .resources(jobFlowRoles.values().stream().map(Role::getRoleArn).toList())
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ec2.amazonaws.com")))
                .build());
    }

    private static void commonGrants(Role role, DataLake lake) {
        var artifacts = lake.bucket(Zone.ARTIFACTS);
        allow(role, READ, artifacts, "jars/*");
        allow(role, READ, artifacts, "bootstrap/*");
        allow(role, READ, artifacts, "runtime/*");
        allow(role, List.of("s3:PutObject"), lake.bucket(Zone.LOGS), "emr/*");
        for (var bucket : List.of(
                artifacts,
                lake.bucket(Zone.BRONZE),
                lake.bucket(Zone.SILVER),
                lake.bucket(Zone.GOLD),
                lake.bucket(Zone.LOGS))) {
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
                    .resources(List.of(bucket.getBucketArn()))
                    .build());
        }
    }

    private static void allow(Role role, List<String> actions, IBucket bucket, String keyPattern) {
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(bucket.arnForObjects(keyPattern)))
                .build());
    }

    private PolicyStatement glueStatement(String glueDatabase) {
        var stack = Stack.of(this);
        var resources = new ArrayList<String>();
        resources.add(stack.formatArn(arn("catalog", null)));
        resources.add(stack.formatArn(arn("database", glueDatabase)));
        resources.add(stack.formatArn(arn("table", glueDatabase + "/*")));
        return PolicyStatement.Builder.create()
                .actions(GLUE_SYNC_ACTIONS)
                .resources(resources)
                .build();
    }

    private static ArnComponents arn(String resource, String name) {
        var builder = ArnComponents.builder().service("glue").resource(resource);
        if (name != null) {
            builder.resourceName(name);
        }
        return builder.build();
    }

    public IRole serviceRole() {
        return serviceRole;
    }

    public IRole jobFlowRole(Zone zone) {
        return jobFlowRoles.get(zone);
    }

    public CfnInstanceProfile instanceProfile(Zone zone) {
        return instanceProfiles.get(zone);
    }

    public List<IRole> allRoles() {
        var roles = new ArrayList<IRole>(jobFlowRoles.values());
        roles.add(serviceRole);
        return roles;
    }
}
