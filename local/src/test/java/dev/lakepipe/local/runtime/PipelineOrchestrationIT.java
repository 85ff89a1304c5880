package dev.lakepipe.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.configstore.ConfigTable;
import dev.lakepipe.launcher.LaunchRefusedException;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.launcher.LaunchResult;
import dev.lakepipe.launcher.PipelineLauncher;
import dev.lakepipe.local.dynamodb.DynamoDbLocalServer;
import dev.lakepipe.local.emr.LocalCluster;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.emr.TestStepProcesses;
import dev.lakepipe.plan.ContinuousLifetime;
import dev.lakepipe.util.Backoff;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real state machine on the local engine, launched by the real launcher reading its configs from
 * DynamoDB Local, with steps in real JVMs (cheap main classes instead of Spark jobs).
 */
class PipelineOrchestrationIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path STATE_MACHINES =
            Path.of(System.getProperty("user.dir")).getParent().resolve("state-machines");

    private static DynamoDbLocalServer dynamoDb;
    private static DynamoDbClient client;
    private static int tables;

    @TempDir
    Path home;

    private LocalPipelineRuntime runtime;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynamoDbLocalServer.startInMemory();
        client = dynamoDb.newClient();
    }

    @AfterAll
    static void stopDynamoDb() {
        client.close();
        dynamoDb.close();
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aFailingStepNotifiesFailureWithItsLogTerminatesTheClusterAndKeepsTheOtherSteps() throws Exception {
        Path out = home.resolve("out");
        runtime = runtime(
                items("""
                [%s,
                 {"identifier": "shop", "config": "pipeline::custom::checks", "emr_config": %s},
                 {"identifier": "shop", "config": "step::checks::a_ok",
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.WriteFileStep", "args": ["--out", "%s"]}},
                 {"identifier": "shop", "config": "step::checks::b_broken",
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.FailingStep"}},
                 {"identifier": "shop", "config": "step::checks::c_ok", "spark_conf": {"spark.sql.shuffle.partitions": "3"},
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.WriteFileStep", "args": ["--out", "%s"]}}]
                """.formatted(DATABASE, emrConfig(1), out.resolve("a.txt"), out.resolve("c.txt"))),
                TestStepProcesses.direct(),
                PipelineLauncher.NO_BACKOFF);

        List<Execution> chain = runtime.runChain(LaunchRequest.of("shop", "checks"));

        assertThat(chain).hasSize(1);
        Execution execution = chain.get(0);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).contains("Lakepipe.StepFailed");
        assertThat(out.resolve("a.txt")).exists();
        assertThat(Files.readString(out.resolve("c.txt"))).contains("spark.sql.shuffle.partitions=3");

        LocalCluster cluster = runtime.emr().clusters().get(0);
        assertThat(cluster.state()).isEqualTo(LocalCluster.State.TERMINATED);
        assertThat(cluster.stepConcurrency()).isEqualTo(1);
        assertThat(cluster.request().path("JobFlowRole").asText()).isEqualTo("lakepipe-local-gold-instance-profile");

        List<JsonNode> messages = runtime.outbox().messages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("subject").asText()).isEqualTo("lakepipe FAILURE: shop checks");
        JsonNode message = MAPPER.readTree(messages.get(0).path("message").asText());
        assertThat(message.path("status").asText()).isEqualTo("FAILURE");
        assertThat(message.path("cluster_id").asText()).isEqualTo(cluster.id());
        List<JsonNode> steps =
                StreamSupport.stream(message.path("steps").spliterator(), false).toList();
        assertThat(steps)
                .extracting(step ->
                        step.path("step").asText() + " " + step.path("status").asText())
                .containsExactly("checks a_ok COMPLETED", "checks b_broken FAILED", "checks c_ok COMPLETED");
        JsonNode failure = steps.get(1).path("failure_details");
        assertThat(failure.path("Reason").asText())
                .isEqualTo("java.lang.IllegalStateException: Table sales.broken has no primary key column 'id'");
        assertThat(failure.path("Message").asText())
                .isEqualTo("Step checks b_broken failed: dev.lakepipe.local.emr.steps.FailingStep exited with code 15");
        Path logFile = Path.of(URI.create(failure.path("LogFile").asText()));
        assertThat(logFile)
                .startsWith(home.resolve("s3")
                        .resolve("lakepipe-logs")
                        .resolve("emr")
                        .resolve(cluster.id()));
        assertThat(Files.readString(logFile))
                .contains("IllegalStateException: Table sales.broken has no primary key column 'id'");
    }

    @Test
    void aFailedSourceCheckLoadsNothingTerminatesTheClusterAndSaysWhereTheFindingsAre() throws Exception {
        Path record = home.resolve("record-check.txt");
        StepProcesses recording = TestStepProcesses.recordingTo(record);
        StepProcesses failing = TestStepProcesses.runningAs("dev.lakepipe.local.emr.steps.FailingStep");
        runtime = runtime(
                items("""
                [%s,
                 {"identifier": "shop", "config": "pipeline::system::jdbc_load", "emr_config": %s},
                 {"identifier": "shop", "config": "step::system::sales.orders", "hudi_config": {"primary_key": "order_id"}}]
                """.formatted(DATABASE, emrConfig(1))),
                (command, stdout, stderr) -> command.mainClass().equals("dev.lakepipe.steps.SourceCheckStep")
                        ? failing.run(command, stdout, stderr)
                        : recording.run(command, stdout, stderr),
                PipelineLauncher.NO_BACKOFF);

        List<Execution> chain = runtime.runChain(LaunchRequest.of("shop", "jdbc_load"));

        assertThat(chain).hasSize(1);
        assertThat(chain.get(0).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(chain.get(0).error()).contains("Lakepipe.SourceCheckFailed");
        assertThat(record).as("no load step ran").doesNotExist();
        assertThat(runtime.emr().clusters())
                .singleElement()
                .satisfies(cluster -> assertThat(cluster.state()).isEqualTo(LocalCluster.State.TERMINATED));
        var message = runtime.outbox().messages().get(0);
        assertThat(message.path("subject").asText()).isEqualTo("lakepipe FAILURE: shop jdbc_load (source check)");
        var body = MAPPER.readTree(message.path("message").asText());
        assertThat(body.path("stage").asText()).isEqualTo("source check");
        assertThat(body.path("fix").asText()).contains("lakepipe source check --identifier");
        assertThat(body.path("cause").asText()).contains("Table sales.broken has no primary key column 'id'");
    }

    @Test
    void jdbcLoadChainsToSeedHudiAndIncrementalHudiThroughNextPipeline() throws Exception {
        Path record = home.resolve("record.txt");
        runtime = runtime(
                items("""
                [%s,
                 {"identifier": "shop", "config": "pipeline::system::jdbc_load", "emr_config": %s,
                  "next_pipeline": {"pipeline_type": "seed_hudi", "enabled": true}},
                 {"identifier": "shop", "config": "pipeline::system::seed_hudi", "emr_config": %s,
                  "next_pipeline": {"pipeline_type": "incremental_hudi", "enabled": true}},
                 {"identifier": "shop", "config": "pipeline::system::incremental_hudi", "emr_config": %s,
                  "next_pipeline": {"pipeline_type": "continuous_hudi", "enabled": false}},
                 {"identifier": "shop", "config": "pipeline::system::continuous_hudi", "emr_config": %s},
                 {"identifier": "shop", "config": "step::system::sales.orders", "hudi_config": {"primary_key": "order_id"}},
                 {"identifier": "shop", "config": "step::system::sales.customers", "hudi_config": {"primary_key": "customer_id"}}]
                """.formatted(DATABASE, emrConfig(2), emrConfig(2), emrConfig(1), emrConfig(1))),
                TestStepProcesses.recordingTo(record),
                PipelineLauncher.NO_BACKOFF);

        List<Execution> chain = runtime.runChain(LaunchRequest.of("shop", "jdbc_load"));

        assertThat(chain).extracting(Execution::status).containsOnly(ExecutionStatus.SUCCEEDED);
        assertThat(chain)
                .extracting(execution -> execution.name().replaceFirst("-\\d{14}$", ""))
                .containsExactly("shop-jdbc_load", "shop-seed_hudi", "shop-incremental_hudi");
        List<String> commands = Files.readAllLines(record);
        assertThat(commands).hasSize(7);
        assertThat(commands.get(0))
                .as("jdbc_load checks the source of its tables before it loads them")
                .startsWith("dev.lakepipe.steps.SourceCheckStep --config ")
                .endsWith("--table sales.customers --table sales.orders");
        assertThat(commands.subList(1, 3))
                .allMatch(line -> line.startsWith("dev.lakepipe.steps.JdbcLoadStep --config "));
        assertThat(commands.subList(3, 5))
                .allMatch(line -> line.startsWith("dev.lakepipe.steps.SeedHudiStep --config "));
        assertThat(commands.subList(5, 7))
                .allMatch(line -> line.startsWith("dev.lakepipe.steps.HudiApplyStep --config ")
                        && line.endsWith("--mode incremental"));
        assertThat(runtime.emr().clusters())
                .hasSize(3)
                .allMatch(cluster -> cluster.state() == LocalCluster.State.TERMINATED);
        assertThat(runtime.emr().clusters())
                .extracting(cluster -> cluster.request().path("JobFlowRole").asText())
                .containsExactlyInAnyOrder(
                        "lakepipe-local-bronze-instance-profile",
                        "lakepipe-local-silver-instance-profile",
                        "lakepipe-local-silver-instance-profile");
        assertThat(runtime.outbox().messages())
                .extracting(message -> message.path("subject").asText())
                .containsExactly(
                        "lakepipe SUCCESS: shop jdbc_load",
                        "lakepipe SUCCESS: shop seed_hudi",
                        "lakepipe SUCCESS: shop incremental_hudi");
        String snapshot = chain.get(1).input().path("runtime_config").asText();
        assertThat(Path.of(URI.create(snapshot))).exists();
        assertThat(commands.get(3)).contains("--config " + snapshot);
    }

    @Test
    void aSecondLaunchThatMayNotRunConcurrentlyIsRefusedClearly() throws Exception {
        runtime = runtime(
                items("""
                [%s,
                 {"identifier": "shop", "config": "pipeline::custom::slow", "emr_config": %s},
                 {"identifier": "shop", "config": "step::slow::wait",
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.WriteFileStep",
                                 "args": ["--out", "%s", "--sleep-ms", "4000"]}}]
                """.formatted(DATABASE, emrConfig(1), home.resolve("out/slow.txt"))),
                TestStepProcesses.direct(),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 2));

        LaunchResult first = runtime.launch(LaunchRequest.of("shop", "slow"));
        assertThatThrownBy(() -> runtime.launch(LaunchRequest.of("shop", "slow")))
                .isInstanceOfSatisfying(
                        LaunchRefusedException.class,
                        refused -> assertThat(refused.reason())
                                .isEqualTo(LaunchRefusedException.Reason.CONCURRENT_EXECUTION))
                .hasMessage("Cannot launch shop slow: " + first.executionName()
                        + " still running after 2 check(s), and slow is not "
                        + "allowed to run concurrently with it (allowed_concurrent of pipeline::custom::slow is []); wait for it to "
                        + "finish or add its pipeline to allowed_concurrent");

        JsonNode refusal = MAPPER.readTree(
                runtime.outbox().messages().get(0).path("message").asText());
        assertThat(refusal.path("reason").asText()).isEqualTo("CONCURRENT_EXECUTION");
        assertThat(runtime.engine()
                        .execution(first.executionArn())
                        .orElseThrow()
                        .await())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aContinuousRunStopsBeforeItsTimeoutTerminatesItsClusterAndHandsOverToAFreshExecution() throws Exception {
        runtime = runtime(
                items("""
                [%s,
                 {"identifier": "shop", "config": "pipeline::system::continuous_hudi", "emr_config": %s},
                 {"identifier": "shop", "config": "step::system::sales.orders", "hudi_config": {"primary_key": "order_id"}}]
                """.formatted(DATABASE, emrConfig(1))),
                TestStepProcesses.runningAs("dev.lakepipe.local.emr.steps.UntilStopAtStep"),
                PipelineLauncher.NO_BACKOFF,
                Duration.ofSeconds(15));

        LaunchResult launched = runtime.launch(LaunchRequest.of("shop", "continuous_hudi"));
        Execution first = runtime.engine().execution(launched.executionArn()).orElseThrow();

        assertThat(first.await(Duration.ofMinutes(3))).isEqualTo(ExecutionStatus.SUCCEEDED);
        Execution successor = runtime.engine()
                .execution(LocalPipelineRuntime.nextExecution(first).orElseThrow())
                .orElseThrow();
        assertThat(successor.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(successor.name()).startsWith("shop-continuous_hudi-").isNotEqualTo(first.name());
        var args = first.input().path("steps").get(0).path("HadoopJarStep").path("Args");
        assertThat(args.get(args.size() - 2).asText()).isEqualTo("--stop-at");
        assertThat(Duration.between(
                        first.startDate(),
                        Instant.parse(args.get(args.size() - 1).asText())))
                .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
        assertThat(runtime.emr().clusters())
                .filteredOn(cluster -> executionOf(cluster).equals(first.name()))
                .singleElement()
                .extracting(LocalCluster::state)
                .isEqualTo(LocalCluster.State.TERMINATED);
        assertThat(runtime.emr().clusters())
                .filteredOn(cluster -> cluster.state() != LocalCluster.State.TERMINATED)
                .allSatisfy(cluster -> assertThat(executionOf(cluster)).isEqualTo(successor.name()));
        assertThatThrownBy(() -> runtime.launch(LaunchRequest.of("shop", "continuous_hudi")))
                .isInstanceOf(LaunchRefusedException.class)
                .hasMessageStartingWith("Cannot launch shop continuous_hudi: " + successor.name() + " still running");
    }

    private static String executionOf(LocalCluster cluster) {
        return StreamSupport.stream(cluster.request().path("Tags").spliterator(), false)
                .filter(tag -> tag.path("Key").asText().equals("lakepipe:execution"))
                .map(tag -> tag.path("Value").asText())
                .findFirst()
                .orElseThrow();
    }

    private static final String DATABASE = """
            {"identifier": "shop", "config": "database::config", "secret": "lakepipe/shop/spark",
             "target_db_name": "shop_lake", "target_table_prefix": "shop"}""";

    private static String emrConfig(int parallelism) {
        return """
                {"release_label": "emr-7.5.0", "master": {"instance_type": "m5.xlarge"},
                 "worker": {"instance_type": "r5.xlarge", "count": 2}, "step_parallelism": %d}""".formatted(parallelism);
    }

    private static List<JsonNode> items(String json) throws Exception {
        return StreamSupport.stream(MAPPER.readTree(json).spliterator(), false).toList();
    }

    private LocalPipelineRuntime runtime(List<JsonNode> items, StepProcesses processes, Backoff backoff) {
        return runtime(items, processes, backoff, ContinuousLifetime.DEFAULT);
    }

    private LocalPipelineRuntime runtime(
            List<JsonNode> items, StepProcesses processes, Backoff backoff, Duration continuousLifetime) {
        var table = new ConfigTable(client, "lakepipe-configs-" + ++tables);
        table.createIfMissing();
        table.putAll(items);
        return LocalPipelineRuntime.builder()
                .home(home)
                .stateMachines(STATE_MACHINES)
                .configs(table)
                .stepProcesses(processes)
                .launcherBackoff(backoff)
                .continuousLifetime(continuousLifetime)
                .build();
    }
}
