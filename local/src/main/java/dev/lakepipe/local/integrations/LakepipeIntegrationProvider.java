package dev.lakepipe.local.integrations;

import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.cli.states.LocalIntegrationProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * The local integrations for {@code lakepipe states run}: EMR (step JVMs from this checkout's emr-steps build),
 * SNS into {@code $LAKEPIPE_HOME/outbox/sns.jsonl}, and nested {@code states:startExecution}. The launcher
 * ({@code lambda:invoke}) needs a config table, so it is wired by {@code lakepipe run} ({@link LocalPipelineRuntime}) only.
 */
public final class LakepipeIntegrationProvider implements LocalIntegrationProvider {

    /** The topic launcher notifications use locally ({@code SnsTopicArn} of local-substitutions.json). */
    static final String LOCAL_TOPIC = "arn:aws:sns:local:000000000000:lakepipe-ops";

    @Override
    public void register(StepFunctions engine, Path lakepipeHome) {
        Path repository = Path.of(System.getProperty("lakepipe.repo", "."));
        // Resolved per step, so a definition without EMR tasks runs on a checkout that is not built.
        StepProcesses steps = (command, stdout, stderr) ->
                JvmStepProcesses.forRepository(repository, List.of("-Xmx2g")).run(command, stdout, stderr);
        var emr = new LocalEmr(new LocalBuckets(lakepipeHome.resolve("s3")), steps, EmrListener.NONE);
        engine.integrations()
                .register(new EmrIntegration(emr, LocalPipelineRuntime.REGION, LocalPipelineRuntime.ACCOUNT))
                .register(new SnsIntegration(new SnsOutbox(LocalPipelineRuntime.outboxFile(lakepipeHome), LOCAL_TOPIC)))
                .register(new StartExecutionIntegration(engine));
    }
}
