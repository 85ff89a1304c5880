package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.plan.StepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YARN's attempts of a cluster-mode step: a failed attempt runs again in a new JVM, as YARN starts a new
 * ApplicationMaster for an application that did not unregister, unless the step asks for one attempt as every planned
 * step does ({@code spark.yarn.maxAppAttempts=1}). Two and one JVMs of a main that throws at once.
 */
class SparkStepAttemptsIT {

    private static final String FAILING = "dev.lakepipe.local.emr.steps.FailingStep";
    private static final Pattern THROWN = Pattern.compile("Table sales\\.broken has no primary key column 'id'");

    @TempDir
    Path logs;

    @Test
    void aFailedClusterModeStepRunsAgainAsYarnRunsASecondAttempt() throws Exception {
        var step = failing(Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster"));

        var exit = TestStepProcesses.direct().run(step, logs.resolve("stdout"), logs.resolve("stderr"));

        var stderr = Files.readString(logs.resolve("stderr"));
        assertThat(exit).isEqualTo(15);
        assertThat(THROWN.matcher(stderr).results().count()).isEqualTo(2);
        assertThat(stderr)
                .contains(
                        "Attempt 1 of 2 failed with exit code 15; YARN starts attempt 2 (spark.yarn.maxAppAttempts=2");
    }

    @Test
    void aStepThatAsksForOneAttemptRunsOnce() throws Exception {
        var step = failing(Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster", StepPlanner.MAX_APP_ATTEMPTS, "1"));

        var exit = TestStepProcesses.direct().run(step, logs.resolve("stdout"), logs.resolve("stderr"));

        var stderr = Files.readString(logs.resolve("stderr"));
        assertThat(exit).isEqualTo(15);
        assertThat(THROWN.matcher(stderr).results().count()).isEqualTo(1);
        assertThat(stderr).doesNotContain("YARN starts attempt");
    }

    private static SparkSubmitCommand failing(Map<String, String> conf) {
        return new SparkSubmitCommand(
                FAILING, "s3://lakepipe-artifacts/jars/emr-steps.jar", conf, List.of(), List.of());
    }
}
