package dev.lakepipe.local.runtime;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.local.dynamodb.DynamoDbIntegration;
import dev.lakepipe.local.dynamodb.LocalDynamoDb;
import dev.lakepipe.local.emr.EmrIntegration;
import dev.lakepipe.local.emr.EmrListener;
import dev.lakepipe.local.emr.LocalEmr;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.lambda.LambdaIntegration;
import dev.lakepipe.local.lambda.LocalFunction;
import dev.lakepipe.local.s3.LocalBuckets;
import dev.lakepipe.local.sns.SnsIntegration;
import dev.lakepipe.local.sns.SnsOutbox;
import dev.lakepipe.local.states.StartExecutionIntegration;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place the local AWS counterparts are plugged into a Step Functions engine: EMR ({@link LocalEmr}), SNS
 * ({@link SnsOutbox}), nested {@code states:startExecution}, then what the caller has: Lambda functions
 * ({@code lakepipe run}: the launcher) or DynamoDB ({@code lakepipe states run}: the DynamoDB Local of the home folder).
 */
public final class LocalIntegrations {

    public static final String REGION = "local";
    public static final String ACCOUNT = "000000000000";

    private LocalIntegrations() {}

    /** For {@link LocalPipelineRuntime}: the pipeline's Lambda functions by ARN (the launcher). */
    static void registerPipeline(
            StepFunctions engine,
            LocalEmr emr,
            SnsOutbox outbox,
            AccessLog machineAccesses,
            Map<String, LocalFunction> functions) {
        registerCommon(engine, emr, outbox, machineAccesses);
        engine.integrations().register(new LambdaIntegration(functions));
    }

    /**
     * For {@code lakepipe states run}: step JVMs from this checkout's emr-steps build, the outbox and the DynamoDB Local
     * of {@code home} (started on first use). The launcher ({@code lambda:invoke}) needs a config table, so it is wired
     * by {@code lakepipe run} ({@link LocalPipelineRuntime}) only.
     */
    public static void registerForStatesRun(StepFunctions engine, Path home) {
        requireNonNull(home, "home is null");
        // Resolved per step, so a definition without EMR tasks runs on a checkout that is not built.
        StepProcesses steps =
                (command, stdout, stderr) -> SparkStepProcess.local().run(command, stdout, stderr);
        registerCommon(
                engine,
                new LocalEmr(new LocalBuckets(home.resolve("s3")), steps, EmrListener.NONE),
                SnsOutbox.in(home),
                AccessLog.NONE);
        engine.integrations().register(new DynamoDbIntegration(new LocalDynamoDb(home)));
    }

    private static void registerCommon(
            StepFunctions engine, LocalEmr emr, SnsOutbox outbox, AccessLog machineAccesses) {
        engine.integrations()
                .register(new EmrIntegration(emr, REGION, ACCOUNT, machineAccesses))
                .register(new SnsIntegration(outbox, machineAccesses))
                .register(new StartExecutionIntegration(engine));
    }
}
