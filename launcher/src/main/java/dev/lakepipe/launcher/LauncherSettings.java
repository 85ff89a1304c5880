package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.SnapshotEnvironment;
import java.util.Map;

/**
 * The launcher Lambda's settings, read from its environment variables (set by the CDK app):
 * {@value #STATE_MACHINE_ARN}, {@value #CONFIG_TABLE}, {@value #SNS_TOPIC_ARN}, {@value #BRONZE_BUCKET},
 * {@value #SILVER_BUCKET}, {@value #GOLD_BUCKET}, {@value #ARTIFACTS_BUCKET} (bucket names, no {@code s3://}),
 * {@value #SOURCE_DATABASE} (the database DMS captures, CDK DbName).
 */
public record LauncherSettings(
        String stateMachineArn,
        String configTable,
        String snsTopicArn,
        String bronzeBucket,
        String silverBucket,
        String goldBucket,
        String artifactsBucket,
        String sourceDatabase) {

    public static final String STATE_MACHINE_ARN = "LAKEPIPE_STATE_MACHINE_ARN";
    public static final String CONFIG_TABLE = "LAKEPIPE_CONFIG_TABLE";
    public static final String SNS_TOPIC_ARN = "LAKEPIPE_SNS_TOPIC_ARN";
    public static final String BRONZE_BUCKET = "LAKEPIPE_BRONZE_BUCKET";
    public static final String SILVER_BUCKET = "LAKEPIPE_SILVER_BUCKET";
    public static final String GOLD_BUCKET = "LAKEPIPE_GOLD_BUCKET";
    public static final String ARTIFACTS_BUCKET = "LAKEPIPE_ARTIFACTS_BUCKET";
    public static final String SOURCE_DATABASE = "LAKEPIPE_SOURCE_DATABASE";

    public LauncherSettings {
        requireNonNull(stateMachineArn, "stateMachineArn is null");
        requireNonNull(configTable, "configTable is null");
        requireNonNull(snsTopicArn, "snsTopicArn is null");
        requireNonNull(bronzeBucket, "bronzeBucket is null");
        requireNonNull(silverBucket, "silverBucket is null");
        requireNonNull(goldBucket, "goldBucket is null");
        requireNonNull(artifactsBucket, "artifactsBucket is null");
        requireNonNull(sourceDatabase, "sourceDatabase is null");
    }

    public static LauncherSettings fromEnvironment(Map<String, String> environment) {
        return new LauncherSettings(
                required(environment, STATE_MACHINE_ARN),
                required(environment, CONFIG_TABLE),
                required(environment, SNS_TOPIC_ARN),
                required(environment, BRONZE_BUCKET),
                required(environment, SILVER_BUCKET),
                required(environment, GOLD_BUCKET),
                required(environment, ARTIFACTS_BUCKET),
                required(environment, SOURCE_DATABASE));
    }

    /** On AWS, steps read buckets over S3, secrets from Secrets Manager and tables from Glue. */
    public SnapshotEnvironment snapshotEnvironment() {
        return new SnapshotEnvironment(
                "s3://" + bronzeBucket,
                "s3://" + silverBucket,
                "s3://" + goldBucket,
                "s3://" + artifactsBucket,
                "aws-secretsmanager",
                "glue");
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new LakepipeException(
                    "Invalid launcher environment: %s is not set; the CDK app sets it on the Lambda function", name);
        }
        return value;
    }
}
