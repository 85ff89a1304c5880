package dev.lakepipe.local.integrations;

import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.cli.states.LocalIntegrationProvider;
import java.nio.file.Path;
import dev.lakepipe.local.emr.SparkStepProcess;

/**
 * The local integrations for {@code lakepipe states run}: EMR (step JVMs from this checkout's emr-steps build),
 * SNS into {@code $LAKEPIPE_HOME/outbox/sns.jsonl}, nested {@code states:startExecution}, and DynamoDB on the
 * DynamoDB Local kept in {@code $LAKEPIPE_HOME/dynamodb} (started on first use). The launcher
 * ({@code lambda:invoke}) needs a config table, so it is wired by {@code lakepipe run} ({@link LocalPipelineRuntime}) only.
 */
public final class LakepipeIntegrationProvider implements LocalIntegrationProvider {

    /** The topic launcher notifications use locally ({@code SnsTopicArn} of local-substitutions.json). */
    static final String LOCAL_TOPIC = "arn:aws:sns:local:000000000000:lakepipe-ops";

    @Override
    public void register(StepFunctions engine, Path lakepipeHome) {
        // Resolved per step, so a definition without EMR tasks runs on a checkout that is not built.
        StepProcesses steps = (command, stdout, stderr) -> SparkStepProcess.local().run(command, stdout, stderr);
        var emr = new LocalEmr(new LocalBuckets(lakepipeHome.resolve("s3")), steps, EmrListener.NONE);
        engine.integrations()
                .register(new EmrIntegration(emr, LocalPipelineRuntime.REGION, LocalPipelineRuntime.ACCOUNT))
                .register(new SnsIntegration(new SnsOutbox(LocalPipelineRuntime.outboxFile(lakepipeHome), LOCAL_TOPIC)))
                .register(new StartExecutionIntegration(engine))
                .register(new DynamoDbIntegration(new LocalDynamoDb(lakepipeHome)));
    }
}

/** The DynamoDB Local of a home folder, started on first use and kept until the JVM exits (a CLI run). */
final class LocalDynamoDb implements java.util.function.Supplier<software.amazon.awssdk.services.dynamodb.DynamoDbClient> {

    private final Path home;
    private software.amazon.awssdk.services.dynamodb.DynamoDbClient client;

    LocalDynamoDb(Path home) {
        this.home = home;
    }

    @Override
    public synchronized software.amazon.awssdk.services.dynamodb.DynamoDbClient get() {
        if (client == null) {
            var server = dev.lakepipe.local.dynamodb.DynamoDbLocalServer.startPersistent(
                    dev.lakepipe.local.dynamodb.ConfigTableConnection.dynamoDbDirectory(home));
            client = server.newClient();
        }
        return client;
    }
}
