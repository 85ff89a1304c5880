package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The five buckets. Every bucket is versioned, SSE-S3 encrypted, private, TLS-only (1.2+), logs its
 * access to the logs bucket, and refuses data access that does not come through the S3 VPC endpoint,
 * except for the admin principals, AWS services (log delivery) and Athena acting for its caller.
 */
public final class DataLake extends Construct {
    /** The object-level actions the VPC-endpoint policy restricts; bucket administration is left to IAM. */
    static final List<String> DATA_ACTIONS = List.of(
            "s3:GetObject*",
            "s3:PutObject*",
            "s3:DeleteObject*",
            "s3:ListBucket*",
            "s3:RestoreObject",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts");
    /** Prefix of the DMS change files in bronze; expired after the CDC retention. */
    static final String CDC_PREFIX = "incremental/";

    static final int ABORT_MULTIPART_DAYS = 7;

    /** Zones whose locations Lake Formation governs (registered, vended credentials). */
    static final List<Zone> LAKE_FORMATION_ZONES = List.of(Zone.SILVER, Zone.GOLD);

    private final Map<Zone, Bucket> buckets = new EnumMap<>(Zone.class);
    private final Role lakeFormationRole;

    public DataLake(Construct scope, String id, DeploymentConfig config, String s3VpcEndpointId) {
        super(scope, id);
        requireNonNull(s3VpcEndpointId, "s3VpcEndpointId is null");
        var logs = bucket(Zone.LOGS, config, null);
        for (var zone : List.of(Zone.BRONZE, Zone.SILVER, Zone.GOLD, Zone.ARTIFACTS)) {
            bucket(zone, config, logs);
        }
        lakeFormationRole = createLakeFormationRole();
        var exempt = new ArrayList<>(config.adminPrincipalArns());
        // Athena and QuickSight read registered locations with credentials Lake Formation vends for this role,
        // from outside our VPC endpoint.
        exempt.add(lakeFormationRole.getRoleArn());
        buckets.values()
                .forEach(bucket -> bucket.addToResourcePolicy(vpcEndpointOnly(bucket, s3VpcEndpointId, exempt)));
    }

    /**
     * The role Lake Formation assumes for the registered silver and gold locations. A user-defined role, not the
     * service-linked one: Lake Formation requires that for locations Amazon EMR accesses.
     */
    private Role createLakeFormationRole() {
        var role = Role.Builder.create(this, "LakeFormationDataAccessRole")
                .assumedBy(new ServicePrincipal("lakeformation.amazonaws.com"))
                .description("Lake Formation data access to the registered silver and gold locations")
                .build();
        for (var zone : LAKE_FORMATION_ZONES) {
            var bucket = buckets.get(zone);
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                    .resources(List.of(bucket.arnForObjects("*")))
                    .build());
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("s3:ListBucket"))
                    .resources(List.of(bucket.getBucketArn()))
                    .build());
        }
        return role;
    }

    private Bucket bucket(Zone zone, DeploymentConfig config, Bucket accessLogs) {
        var builder = Bucket.Builder.create(this, zone.title() + "Bucket")
                .bucketName(bucketName(config, zone))
                .versioned(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(lifecycle(zone, config.retention()));
        if (accessLogs != null) {
            builder.serverAccessLogsBucket(accessLogs)
                    .serverAccessLogsPrefix("s3-access/" + zone.name().toLowerCase() + "/");
        }
        var bucket = builder.build();
        buckets.put(zone, bucket);
        return bucket;
    }

    /**
     * {@code <prefix>-<zone>}, the same shape as the local buckets ({@code lakepipe-bronze}); steps derive
     * sibling buckets from it (the CDC apply finds {@code -logs} next to {@code -bronze}).
     */
    static String bucketName(DeploymentConfig config, Zone zone) {
        return zone.bucket()
                .nameWith(config.bucketNamePrefix().orElse(config.names().defaultBucketPrefix(Aws.ACCOUNT_ID)));
    }

    private static List<LifecycleRule> lifecycle(Zone zone, DeploymentConfig.Retention retention) {
        var common = LifecycleRule.builder()
                .id("noncurrent-versions-and-incomplete-uploads")
                .noncurrentVersionExpiration(Duration.days(retention.noncurrentVersionDays()))
                .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_MULTIPART_DAYS))
                .build();
        if (zone != Zone.BRONZE) {
            return List.of(common);
        }
        var cdc = LifecycleRule.builder()
                .id("expire-cdc-files")
                .prefix(CDC_PREFIX)
                .expiration(Duration.days(retention.cdcDays()))
                .build();
        return List.of(common, cdc);
    }

    private static PolicyStatement vpcEndpointOnly(
            IBucket bucket, String s3VpcEndpointId, List<String> exemptPrincipalArns) {
        var conditions = new LinkedHashMap<String, Object>();
        conditions.put("StringNotEquals", Map.of("aws:SourceVpce", s3VpcEndpointId));
        // Log delivery and other AWS service principals do not come through our endpoint.
        conditions.put("BoolIfExists", Map.of("aws:PrincipalIsAWSService", "false"));
        // Athena (and QuickSight through it) reads and writes with the caller's credentials from its own network.
        conditions.put("ForAllValues:StringNotEquals", Map.of("aws:CalledVia", List.of("athena.amazonaws.com")));
        // The admin exception (break-glass roles, the role that uploads artifacts in `make deploy`) and Lake
        // Formation's role.
        conditions.put("ArnNotLike", Map.of("aws:PrincipalArn", exemptPrincipalArns));
        return PolicyStatement.Builder.create()
                .sid("DenyDataAccessOutsideVpcEndpoint")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(DATA_ACTIONS)
                .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
                .conditions(conditions)
                .build();
    }

    public Bucket bucket(Zone zone) {
        return buckets.get(zone);
    }

    public Role lakeFormationRole() {
        return lakeFormationRole;
    }

    public Map<Zone, Bucket> buckets() {
        return Map.copyOf(buckets);
    }
}
