package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.local.s3.LocalBuckets;
import dev.lakepipe.plan.ActionOnFailure;
import dev.lakepipe.plan.EmrStep;
import dev.lakepipe.util.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What EMR can show of a failed cluster-mode step: the driver runs in YARN's ApplicationMaster, so its output is in the
 * container logs; the step's own stderr holds spark-submit's report with the AM's diagnostics, the only place the
 * failure's text reaches EMR's FailureDetails. A lakepipe step's failure carries its culprit and fix there; an exit
 * code alone (SparkUserAppException) carries nothing but the code.
 */
class StepFailureDetailsIT {

    private static final String MAIN = "dev.lakepipe.local.emr.steps.StepMainFailingStep";
    private static final String CULPRIT = "jdbc_load failed: Cannot load public.orders: the source has no table"
            + " public.orders; fix the config's table name or create the table";

    @TempDir
    Path root;

    private LocalEmr emr;

    @AfterEach
    void tearDown() {
        if (emr != null) {
            emr.close();
        }
    }

    @Test
    void aStepsFailureReachesEmrsFailureDetailsThroughTheApplicationsDiagnostics() throws Exception {
        emr = new LocalEmr(new LocalBuckets(root), TestStepProcesses.direct(), EmrListener.NONE);
        var cluster = emr.createCluster(Json.MAPPER.readTree("""
                {"Name": "lakepipe-failure", "StepConcurrencyLevel": 1, "Instances": {"KeepJobFlowAliveWhenNoSteps": true}}"""));

        var failed = emr.runStep(cluster, step("throw").toAddStepJson()).path("Step");
        var exited = emr.runStep(cluster, step("3").toAddStepJson()).path("Step");

        var details = failed.path("Status").path("FailureDetails");
        assertThat(details.path("Reason").asText()).isEqualTo("dev.lakepipe.steps.StepFailedException: " + CULPRIT);
        var stepStderr =
                Files.readString(Path.of(URI.create(details.path("LogFile").asText())));
        assertThat(stepStderr)
                .contains("ERROR Client: Application diagnostics message: User class threw exception:"
                        + " dev.lakepipe.steps.StepFailedException: " + CULPRIT)
                .contains("Caused by: dev.lakepipe.LakepipeException: Cannot load public.orders")
                .containsPattern("org.apache.spark.SparkException: Application application_\\d+_\\d{4} finished with"
                        + " failed status");
        assertThat(Files.readString(stepLog(cluster, failed, "stdout"))).isEmpty();
        assertThat(Files.readString(driverLog(cluster, failed, "stderr"))).contains(CULPRIT);

        var lost = exited.path("Status").path("FailureDetails");
        assertThat(lost.path("Reason").asText()).isEqualTo("Unknown Error.");
        assertThat(Files.readString(stepLog(cluster, exited, "stderr")))
                .contains("Application diagnostics message: User application exited with status 3");
    }

    private static EmrStep step(String arg) {
        return new EmrStep(
                "jdbc_load public.orders",
                ActionOnFailure.CONTINUE,
                List.of(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--conf",
                        "spark.yarn.maxAppAttempts=1",
                        "--class",
                        MAIN,
                        "s3://lakepipe-artifacts/jars/emr-steps.jar",
                        arg));
    }

    private Path stepLog(String cluster, JsonNode step, String name) {
        return logs(cluster).step(step.path("Id").asText(), name);
    }

    private Path driverLog(String cluster, JsonNode step, String name) {
        return logs(cluster).driver(step.path("Id").asText(), name).orElseThrow();
    }

    private EmrLogs logs(String cluster) {
        return new EmrLogs(root.resolve("lakepipe-logs/emr/" + cluster));
    }
}
