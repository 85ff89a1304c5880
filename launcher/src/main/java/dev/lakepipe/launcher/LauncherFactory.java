package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

/** Wires a {@link PipelineLauncher} for AWS: DynamoDB configs, S3 snapshots, Step Functions, SNS. */
public final class LauncherFactory {

    private LauncherFactory() {}

    public static PipelineLauncher onAws(AwsClients clients, LauncherSettings settings) {
        requireNonNull(clients, "clients is null");
        requireNonNull(settings, "settings is null");
        return PipelineLauncher.builder()
                .configs(DynamoDbConfigSource.of(clients.dynamoDb(), settings.configTable()))
                .environment(settings.snapshotEnvironment())
                .snapshots(new S3SnapshotStore(clients.s3()))
                .executions(new SfnExecutionService(clients.sfn(), settings.stateMachineArn()))
                .notifier(new SnsNotifier(clients.sns(), settings.snsTopicArn()))
                .build();
    }
}
