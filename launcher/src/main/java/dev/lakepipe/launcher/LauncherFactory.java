package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.configstore.ConfigTable;

/** Wires a {@link PipelineLauncher} for AWS: DynamoDB configs, S3 snapshots, Step Functions, SNS. */
public final class LauncherFactory {

    private LauncherFactory() {}

    public static PipelineLauncher onAws(LauncherAwsClients clients, LauncherSettings settings) {
        requireNonNull(clients, "clients is null");
        requireNonNull(settings, "settings is null");
        return PipelineLauncher.builder()
                .configs(new ConfigTable(clients.dynamoDb(), settings.configTable())::load)
                .environment(settings.snapshotEnvironment())
                .snapshots(new S3SnapshotStore(clients.s3()))
                .executions(new SfnExecutionService(clients.sfn(), settings.stateMachineArn()))
                .notifier(new SnsNotifier(clients.sns(), settings.snsTopicArn()))
                .sourceDatabase(settings.sourceDatabase())
                .build();
    }
}
