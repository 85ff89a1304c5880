package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.local.s3.LocalBuckets;
import dev.lakepipe.plan.ActionOnFailure;
import dev.lakepipe.plan.EmrStep;
import dev.lakepipe.plan.HudiOnEmr;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local EMR's classpath fidelity: a step JVM gets emr-steps.jar, what an EMR node puts on every step's classpath,
 * and only the node jars the step asks for, so a step that needs Hudi without asking for it fails here as on EMR.
 */
class EmrClasspathIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final SnapshotEnvironment ENVIRONMENT = new SnapshotEnvironment(
            "s3://lakepipe-bronze",
            "s3://lakepipe-silver",
            "s3://lakepipe-gold",
            "s3://lakepipe-artifacts/",
            "aws-secretsmanager",
            "glue");

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
    void aPlannedHudiStepWithoutTheHudiBundleFailsNamingTheMissingClassAndTheFix() throws Exception {
        var tpcc = ConfigReader.load(REPO.resolve("pipeline-configs/tpcc.json"));
        var planned = StepPlanner.plan(
                        tpcc, PipelineType.INCREMENTAL_HUDI, PlanContext.of(ENVIRONMENT, "tpcc", "exec-1"))
                .get(0);
        emr = new LocalEmr(
                new LocalBuckets(root), new SparkStepProcess(EmrStepsJar.in(REPO), "256m"), EmrListener.NONE);
        var cluster = emr.createCluster(cluster());

        var step = emr.runStep(cluster, withoutJars(planned).toAddStepJson()).path("Step");

        assertThat(step.path("Status").path("State").asText()).isEqualTo("FAILED");
        var details = step.path("Status").path("FailureDetails");
        assertThat(details.path("Message").asText())
                .startsWith("Step incremental_hudi public.customer to ")
                .contains(" failed: ");
        assertThat(details.path("Reason").asText())
                .startsWith("dev.lakepipe.local.emr.MissingEmrJarException: class org.apache.hudi.")
                .endsWith(
                        "is on no classpath of this step: EMR has it only in /usr/lib/hudi/hudi-spark-bundle.jar, which a step"
                                + " gets by asking for it; add --jars /usr/lib/hudi/hudi-spark-bundle.jar to the step's spark-submit"
                                + " (the planner does for every Hudi step)");
    }

    @Test
    void aCustomStepGetsHudiBecauseThePlannerAsksForItAndFailsWithoutIt() throws Exception {
        var configs = ConfigReader.parseItems("""
                [{"identifier": "shop", "config": "database::config", "secret": "s", "target_db_name": "lake", "target_table_prefix": "p"},
                 {"identifier": "shop", "config": "pipeline::custom::checks", "emr_config": {"release_label": "emr-7.5.0",
                   "master": {"instance_type": "m5.xlarge"}, "worker": {"instance_type": "r5.xlarge", "count": 1}}},
                 {"identifier": "shop", "config": "step::checks::hudi",
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.HudiTouchingStep"}}]""", "test");
        var planned = StepPlanner.plan(
                        PipelineConfigs.fromStoredItems(configs, "test"),
                        "checks",
                        PlanContext.of(ENVIRONMENT, "shop", "exec-1"))
                .get(0);
        emr = new LocalEmr(new LocalBuckets(root), TestStepProcesses.direct(), EmrListener.NONE);
        var cluster = emr.createCluster(cluster());

        var asked = emr.runStep(cluster, planned.toAddStepJson()).path("Step");
        var notAsked =
                emr.runStep(cluster, withoutJars(planned).toAddStepJson()).path("Step");

        assertThat(asked.path("Status").path("State").asText()).isEqualTo("COMPLETED");
        var driverStdout = new EmrLogs(root.resolve("lakepipe-logs/emr/" + cluster))
                .driver(asked.path("Id").asText(), "stdout")
                .orElseThrow();
        assertThat(Files.readString(driverStdout))
                .contains("loaded org.apache.hudi.common.table.HoodieTableMetaClient");
        assertThat(notAsked.path("Status").path("State").asText()).isEqualTo("FAILED");
        assertThat(notAsked.path("Status").path("FailureDetails").path("Reason").asText())
                .startsWith(
                        "dev.lakepipe.local.emr.MissingEmrJarException: class org.apache.hudi.common.table.HoodieTableMetaClient is on no classpath");
    }

    @Test
    void aJarNoEmrNodeHasFailsTheStepNamingTheKnownOnes() throws Exception {
        emr = new LocalEmr(new LocalBuckets(root), TestStepProcesses.direct(), EmrListener.NONE);
        var cluster = emr.createCluster(cluster());
        var step = new EmrStep(
                "odd",
                ActionOnFailure.CONTINUE,
                List.of(
                        "spark-submit",
                        "--jars",
                        "/usr/lib/odd/odd.jar",
                        "--class",
                        "dev.lakepipe.local.emr.steps.HudiTouchingStep",
                        "s3://lakepipe-artifacts/jars/emr-steps.jar"));

        var details = emr.runStep(cluster, step.toAddStepJson())
                .path("Step")
                .path("Status")
                .path("FailureDetails");

        assertThat(details.path("Message").asText())
                .isEqualTo("Step odd could not run: Cannot run the step: its jars name"
                        + " /usr/lib/odd/odd.jar, which is no jar of an EMR node the local EMR knows; known: ["
                        + HudiOnEmr.SPARK_BUNDLE
                        + "] (declared in EmrNodeJars)");
    }

    /**
     * EMR puts its own AWS SDK v2 ahead of emr-steps.jar on every step's classpath: ours is relocated, so the jar passes
     * the local EMR's check ({@link EmrOwnedPackages}), and it works from the jar alone: a Secrets Manager client builds
     * with the HTTP client the SDK finds through its (relocated) service file.
     */
    @Test
    void theStepJarsAwsSdkIsRelocatedAndWorksFromTheJarAlone() throws Exception {
        var jar = EmrStepsJar.in(REPO).jar();
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            var sdk = "dev.lakepipe.shaded.awssdk.";
            var region = loader.loadClass(sdk + "regions.Region");
            var builder = loader.loadClass(sdk + "services.secretsmanager.SecretsManagerClient")
                    .getMethod("builder")
                    .invoke(null);
            loader.loadClass(sdk + "awscore.client.builder.AwsClientBuilder")
                    .getMethod("region", region)
                    .invoke(builder, region.getMethod("of", String.class).invoke(null, "eu-west-1"));
            var client = (AutoCloseable) loader.loadClass(sdk + "utils.builder.SdkBuilder")
                    .getMethod("build")
                    .invoke(builder);
            client.close();

            var httpServices = ServiceLoader.load(loader.loadClass(sdk + "http.SdkHttpService"), loader).stream()
                    .map(provider -> provider.type().getName())
                    .toList();
            assertThat(httpServices).containsExactly(sdk + "http.urlconnection.UrlConnectionSdkHttpService");
        }
    }

    /** The planned step without its {@code --jars <bundle>}: a step that needs Hudi but does not ask for it. */
    private static EmrStep withoutJars(EmrStep planned) {
        var args = new ArrayList<>(planned.args());
        var jars = args.indexOf("--jars");
        assertThat(jars).isPositive();
        args.subList(jars, jars + 2).clear();
        return new EmrStep(planned.name(), planned.actionOnFailure(), args);
    }

    private static JsonNode cluster() throws Exception {
        return new ObjectMapper().readTree("""
                {"Name": "lakepipe-classpath", "StepConcurrencyLevel": 1, "Instances": {"KeepJobFlowAliveWhenNoSteps": true}}""");
    }
}
