package dev.lakepipe.cdk;

import dev.lakepipe.dms.DmsCdcTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dms.CfnEndpoint;
import software.amazon.awscdk.services.dms.CfnReplicationInstance;
import software.amazon.awscdk.services.dms.CfnReplicationSubnetGroup;
import software.amazon.awscdk.services.dms.CfnReplicationTask;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The optional DMS CDC infrastructure: a KMS-encrypted private replication instance, the PostgreSQL
 * source endpoint (verify-ca, pglogical, credentials from the DMS secret), the S3 target endpoint on
 * bronze and the CDC task. The S3 settings, task settings and table mappings come from
 * {@link DmsCdcTask}, the definition the local DMS emulator runs.
 */
public final class Dms extends Construct {
    /** The role name DMS requires for its VPC management; one per account. */
    static final String DMS_VPC_ROLE_NAME = "dms-vpc-role";
    /** The logical decoding plugin of the source slot (created with it, see docs/deployment.md). */
    static final String PLUGIN_NAME = "pglogical";

    private final DmsCdcTask task;
    private final CfnReplicationTask replicationTask;
    private final String identifier;

    public Dms(
            Construct scope,
            String id,
            DeploymentConfig config,
            DeploymentConfig.Dms dms,
            Network network,
            IBucket bronze,
            ISecret dmsSecret) {
        super(scope, id);
        task = DmsCdcTask.lakepipe(config.database().name(), dms.schemas());
        identifier = identifier(config);
        var key = Key.Builder.create(this, "Key")
                .description("lakepipe DMS replication instance storage and endpoints")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        var subnetGroup = CfnReplicationSubnetGroup.Builder.create(this, "SubnetGroup")
                .replicationSubnetGroupDescription("lakepipe " + config.useCase() + " DMS private subnets")
                .subnetIds(network.subnetIds())
                .build();
        if (config.createDmsVpcRole()) {
            var vpcRole = Role.Builder.create(this, "DmsVpcRole")
                    .roleName(DMS_VPC_ROLE_NAME)
                    .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                    .managedPolicies(
                            List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonDMSVPCManagementRole")))
                    .build();
            // Depending on the role alone races IAM propagation: DMS may not see the new role yet.
            subnetGroup.addDependency(
                    new IamPropagationWait(this, "VpcRolePropagationWait", vpcRole, network).resource());
        }
        var instance = CfnReplicationInstance.Builder.create(this, "ReplicationInstance")
                .replicationInstanceIdentifier(identifier)
                .resourceIdentifier(identifier)
                .replicationInstanceClass(dms.instanceClass())
                .allocatedStorage(100)
                .kmsKeyId(key.getKeyArn())
                .publiclyAccessible(false)
                .multiAz(false)
                .autoMinorVersionUpgrade(true)
                .replicationSubnetGroupIdentifier(subnetGroup.getRef())
                .vpcSecurityGroupIds(List.of(network.workloadSecurityGroup().getSecurityGroupId()))
                .build();
        var secretsRole = Role.Builder.create(this, "SecretsAccessRole")
                .assumedBy(new ServicePrincipal("dms." + Stack.of(this).getRegion() + ".amazonaws.com"))
                .description("DMS reads the source database credentials")
                .build();
        dmsSecret.grantRead(secretsRole);
        var source = CfnEndpoint.Builder.create(this, "SourceEndpoint")
                .endpointType("source")
                .engineName("postgres")
                .databaseName(config.database().name())
                .sslMode("verify-ca")
                .certificateArn(dms.certificateArn())
                .kmsKeyId(key.getKeyArn())
                .build();
        source.addPropertyOverride("PostgreSqlSettings", postgreSqlSettings(dmsSecret, secretsRole));
        var targetRole = Role.Builder.create(this, "S3TargetRole")
                .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                .description(
                        "DMS writes change files to bronze " + task.s3Settings().bucketFolder() + "/ only")
                .build();
        targetRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"))
                .resources(List.of(bronze.arnForObjects(task.s3Settings().bucketFolder() + "/*")))
                .build());
        targetRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bronze.getBucketArn()))
                .build());
        var target = CfnEndpoint.Builder.create(this, "S3TargetEndpoint")
                .endpointType("target")
                .engineName("s3")
                .kmsKeyId(key.getKeyArn())
                .build();
        target.addPropertyOverride(
                "S3Settings", task.s3Settings().toS3SettingsMap(bronze.getBucketName(), targetRole.getRoleArn()));
        replicationTask = CfnReplicationTask.Builder.create(this, "CdcTask")
                .replicationTaskIdentifier(identifier)
                .resourceIdentifier(identifier)
                .migrationType("cdc")
                .replicationInstanceArn(instance.getRef())
                .sourceEndpointArn(source.getRef())
                .targetEndpointArn(target.getRef())
                .tableMappings(task.tableMappings().toJson())
                .replicationTaskSettings(task.taskSettingsJson())
                .build();
    }

    /** The task's source settings (slot, heartbeat, booleans: what the emulator also runs) plus this deployment's plugin and credentials. */
    private Map<String, Object> postgreSqlSettings(ISecret dmsSecret, Role secretsRole) {
        var settings = new LinkedHashMap<String, Object>(task.sourceSettings().toPostgreSqlSettingsMap());
        settings.put("PluginName", PLUGIN_NAME);
        settings.put("SecretsManagerSecretId", dmsSecret.getSecretArn());
        settings.put("SecretsManagerAccessRoleArn", secretsRole.getRoleArn());
        return settings;
    }

    /**
     * DMS's rule for a {@code ResourceIdentifier}, the last part of the ARN (CreateReplicationInstance,
     * CreateReplicationTask): at most 31 ASCII letters, digits and hyphens, a letter first, no trailing or double hyphen.
     * The instance and task identifiers allow 63 and 255 characters under the same rule, so a name that passes this
     * passes all three.
     */
    static final Pattern RESOURCE_IDENTIFIER = Pattern.compile("(?!.*--)[A-Za-z][A-Za-z0-9-]{0,30}(?<!-)");

    static final int MAX_RESOURCE_IDENTIFIER = 31;
    /** Characters of the stack name a shortened identifier keeps ({@link #identifier}). */
    private static final int SHORTENED_PREFIX = 20;

    /**
     * The name of the replication instance and of the CDC task, also the last part of their ARNs (ResourceIdentifier):
     * the values of the {@code ReplicationInstanceIdentifier} and {@code ReplicationTaskIdentifier} dimensions of DMS's
     * CloudWatch metrics. {@code lakepipe-<use case>-cdc}, underscores as single dashes; a longer use case than fits
     * DMS's 31 characters keeps the first {@value #SHORTENED_PREFIX} characters and adds six hex digits of the use
     * case's SHA-256, so two such use cases still get two names.
     */
    static String identifier(DeploymentConfig config) {
        var full = (config.names().stackName() + "-cdc").replaceAll("-+", "-");
        var identifier = full.length() <= MAX_RESOURCE_IDENTIFIER
                ? full
                : (config.names().stackName().substring(0, SHORTENED_PREFIX) + "-" + digest(config.useCase()) + "-cdc")
                        .replaceAll("-+", "-");
        if (!RESOURCE_IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException(("Invalid DMS resource identifier %s for use case %s: DMS takes 1 to 31"
                            + " letters, digits and hyphens, a letter first, no trailing or double hyphen")
                    .formatted(identifier, config.useCase()));
        }
        return identifier;
    }

    private static String digest(String text) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String identifier() {
        return identifier;
    }

    public DmsCdcTask task() {
        return task;
    }

    public CfnReplicationTask replicationTask() {
        return replicationTask;
    }
}
