package dev.lakepipe.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.emr.CfnSecurityConfiguration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The EMR security configuration every cluster runs with ({@code ${EmrSecurityConfiguration}} in the state
 * machines): local disks and EBS volumes encrypted with a KMS key of the stack, S3 with SSE-S3 as the buckets are.
 * The job-flow roles are key users (the instances encrypt their disks); the service role creates the EBS volumes.
 */
public final class EmrSecurity extends Construct {
    static final List<String> KEY_USE =
            List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey");

    private final Key key;
    private final CfnSecurityConfiguration securityConfiguration;

    public EmrSecurity(Construct scope, String id, DeploymentConfig config, EmrRoles roles) {
        super(scope, id);
        key = Key.Builder.create(this, "DiskKey")
                .description("lakepipe " + config.useCase() + " EMR local disks and EBS volumes")
                .enableKeyRotation(true)
                .build();
        securityConfiguration = CfnSecurityConfiguration.Builder.create(this, "SecurityConfiguration")
                .name(config.names().stackName() + "-emr")
                .securityConfiguration(definition(key.getKeyArn()))
                .build();
        for (var role : roles.allRoles()) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(KEY_USE)
                    .resources(List.of(key.getKeyArn()))
                    .build());
        }
        // EBS encryption: the volumes are attached through grants EMR creates for AWS resources only.
        roles.serviceRole()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("kms:CreateGrant"))
                        .resources(List.of(key.getKeyArn()))
                        .conditions(Map.of("Bool", Map.of("kms:GrantIsForAWSResource", "true")))
                        .build());
    }

    static Map<String, Object> definition(String keyArn) {
        var localDisk = new LinkedHashMap<String, Object>();
        localDisk.put("EncryptionKeyProviderType", "AwsKms");
        localDisk.put("AwsKmsKey", keyArn);
        localDisk.put("EnableEbsEncryption", true);
        var atRest = new LinkedHashMap<String, Object>();
        atRest.put("S3EncryptionConfiguration", Map.of("EncryptionMode", "SSE-S3"));
        atRest.put("LocalDiskEncryptionConfiguration", localDisk);
        var encryption = new LinkedHashMap<String, Object>();
        encryption.put("EnableAtRestEncryption", true);
        encryption.put("EnableInTransitEncryption", false);
        encryption.put("AtRestEncryptionConfiguration", atRest);
        return Map.of("EncryptionConfiguration", encryption);
    }

    /** The name RunJobFlow's {@code SecurityConfiguration} takes. */
    public String name() {
        return securityConfiguration.getRef();
    }

    public Key key() {
        return key;
    }
}
