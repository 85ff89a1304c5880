package dev.lakepipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.RuntimeSnapshot;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.plan.ContinuousLifetime;
import dev.lakepipe.util.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The launcher against the real planner, validator and snapshot files; Step Functions and SNS are mocked AWS APIs. */
class PipelineLauncherTest {

    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:lakepipe-pipeline";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:lakepipe-ops";
    private static final Instant NOW = Instant.parse("2026-11-23T11:34:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path artifacts;

    private final SfnClient sfn = mock(SfnClient.class);
    private final SnsClient sns = mock(SnsClient.class);
    private final List<Duration> sleeps = new ArrayList<>();
    private List<JsonNode> items;

    @BeforeEach
    void setUp() throws Exception {
        items = new ArrayList<>(ConfigReader.readItems(
                Path.of(getClass().getResource("/configs/shop.json").toURI())));
        when(sfn.startExecution(any(StartExecutionRequest.class)))
                .thenAnswer(call -> StartExecutionResponse.builder()
                        .executionArn(MACHINE.replace(":stateMachine:", ":execution:") + ":"
                                + call.<StartExecutionRequest>getArgument(0).name())
                        .build());
        when(sns.publish(any(PublishRequest.class)))
                .thenReturn(PublishResponse.builder().messageId("m-1").build());
        running();
    }

    @Test
    void startsTheExecutionWithADeterministicNameThePlannedStepsAndASnapshot() throws Exception {
        LaunchResult result = launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.of("shop", "jdbc_load"));

        assertThat(result.executionName()).isEqualTo("shop-jdbc_load-20261123113400");
        String snapshotUri = artifacts.toUri().toString().replaceFirst("/$", "")
                + "/runtime/shop/shop-jdbc_load-20261123113400.json";
        assertThat(result.runtimeConfig()).isEqualTo(snapshotUri);
        RuntimeSnapshot snapshot = RuntimeSnapshot.read(Path.of(URI.create(snapshotUri)));
        assertThat(snapshot.identifier()).isEqualTo("shop");
        assertThat(snapshot.createdAt()).isEqualTo(NOW);
        assertThat(snapshot.items()).hasSize(5);

        StartExecutionRequest started = startedExecution();
        assertThat(started.stateMachineArn()).isEqualTo(MACHINE);
        assertThat(started.name()).isEqualTo("shop-jdbc_load-20261123113400");
        JsonNode input = MAPPER.readTree(started.input());
        assertThat(input.path("pipeline").asText()).isEqualTo("jdbc_load");
        assertThat(input.path("pipeline_type").asText()).isEqualTo("jdbc_load");
        assertThat(input.path("runtime_config").asText()).isEqualTo(snapshotUri);
        assertThat(input.path("emr")).isEqualTo(MAPPER.readTree("""
                {"release_label":"emr-7.5.0","master_instance_type":"m5.xlarge","master_count":1,
                 "worker_instance_type":"r5.xlarge","worker_count":2,"step_parallelism":2,"maximize_resource_allocation":"true"}"""));
        assertThat(input.path("source_check").path("Name").asText()).isEqualTo("source check (2 tables)");
        assertThat(input.path("source_check").path("HadoopJarStep").path("Args").toString())
                .contains("dev.lakepipe.steps.SourceCheckStep", "\"--config\",\"" + snapshotUri + "\"");
        assertThat(input.path("steps")).hasSize(2);
        JsonNode firstStep = input.path("steps").get(0);
        assertThat(firstStep.path("Name").asText()).isEqualTo("jdbc_load sales.customers");
        assertThat(firstStep.path("ActionOnFailure").asText()).isEqualTo("CONTINUE");
        assertThat(firstStep.path("HadoopJarStep").path("Args").toString())
                .contains("\"--config\",\"" + snapshotUri + "\"", "\"--table\",\"sales.customers\"");
        assertThat(input.path("next_pipeline"))
                .isEqualTo(MAPPER.readTree("{\"pipeline_type\":\"seed_hudi\",\"enabled\":true}"));
        verify(sns, never()).publish(any(PublishRequest.class));
    }

    @Test
    void refusesInvalidConfigsNamingEveryProblemAndNotifies() throws Exception {
        ((ObjectNode) items.get(0)).remove("target_db_name");
        ((ObjectNode) items.get(1).path("emr_config")).put("release_label", "7.5");

        assertThatThrownBy(() -> launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.of("shop", "jdbc_load")))
                .isInstanceOfSatisfying(LaunchRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(LaunchRefusedException.Reason.INVALID_CONFIG);
                    assertThat(refused.problems()).hasSize(2);
                })
                .hasMessageContaining("Cannot launch shop jdbc_load: the configs of identifier shop have 2 problem(s)")
                .hasMessageContaining("database::config: target_db_name is required")
                .hasMessageContaining(
                        "pipeline::system::jdbc_load: emr_config.release_label must look like emr-7.5.0, got '7.5'");

        JsonNode message = publishedMessage();
        assertThat(message.path("status").asText()).isEqualTo("FAILURE");
        assertThat(message.path("reason").asText()).isEqualTo("INVALID_CONFIG");
        assertThat(message.path("problems")).hasSize(2);
        assertThat(message.path("problems").toString()).contains("target_db_name", "release_label");
        verify(sfn, never()).startExecution(any(StartExecutionRequest.class));
        assertThat(artifacts.resolve("runtime")).doesNotExist();
    }

    @Test
    void refusesASecondLaunchThatIsNotAllowedToRunConcurrentlyAfterBoundedBackoff() throws Exception {
        running("shop-jdbc_load-20261123110000", "other-jdbc_load-20261123110000");

        assertThatThrownBy(() -> launcher(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 3))
                        .launch(LaunchRequest.of("shop", "jdbc_load")))
                .isInstanceOfSatisfying(
                        LaunchRefusedException.class,
                        refused -> assertThat(refused.reason())
                                .isEqualTo(LaunchRefusedException.Reason.CONCURRENT_EXECUTION))
                .hasMessage(
                        "Cannot launch shop jdbc_load: shop-jdbc_load-20261123110000 still running after 3 check(s), "
                                + "and jdbc_load is not allowed to run concurrently with it (allowed_concurrent of pipeline::system::jdbc_load "
                                + "is [incremental_hudi]); wait for it to finish or add its pipeline to allowed_concurrent");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(publishedMessage().path("reason").asText()).isEqualTo("CONCURRENT_EXECUTION");
        verify(sfn, never()).startExecution(any(StartExecutionRequest.class));
    }

    @Test
    void launchesAlongsideAllowedPipelinesAndIgnoresTheTriggeringPredecessor() {
        running("shop-incremental_hudi-20261123110000", "shop-jdbc_load-20261123110000");

        var request = new LaunchRequest("shop", "jdbc_load", Optional.empty());
        assertThatThrownBy(() -> launcher(PipelineLauncher.NO_BACKOFF).launch(request))
                .isInstanceOf(LaunchRefusedException.class)
                .hasMessageContaining("shop-jdbc_load-20261123110000 still running");

        var handover = LaunchRequest.fromEvent(
                Map.of("identifier", "shop", "pipeline", "jdbc_load", "triggered_by", "shop-jdbc_load-20261123110000"));
        assertThat(launcher(PipelineLauncher.NO_BACKOFF).launch(handover).executionName())
                .isEqualTo("shop-jdbc_load-20261123113400");
    }

    @Test
    void waitsForAPredecessorThatIsFinishing() {
        when(sfn.listExecutions(any(ListExecutionsRequest.class)))
                .thenReturn(listing("shop-seed_hudi-20261123110000"))
                .thenReturn(listing());

        assertThat(launcher(PipelineLauncher.DEFAULT_BACKOFF)
                        .launch(LaunchRequest.of("shop", "seed_hudi"))
                        .executionName())
                .isEqualTo("shop-seed_hudi-20261123113400");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void refusesAnUnknownPipelineNamingTheConfiguredOnes() throws Exception {
        assertThatThrownBy(() ->
                        launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.of("shop", "incremental_hudi")))
                .isInstanceOf(LaunchRefusedException.class)
                .hasMessageStartingWith(
                        "Cannot launch shop incremental_hudi: identifier shop has no pipeline incremental_hudi "
                                + "(configured: [jdbc_load, seed_hudi])");
        assertThat(publishedMessage().path("reason").asText()).isEqualTo("UNKNOWN_PIPELINE");
    }

    @Test
    void aReloadEventRunsTheStepsOfItsTablesOnlyAndHandsTheListToTheNextPipeline() throws Exception {
        var event = new HashMap<String, Object>(Map.of("identifier", "shop", "pipeline", "jdbc_load"));
        event.put("tables", List.of("sales.orders"));

        launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.fromEvent(event));

        var input = MAPPER.readTree(startedExecution().input());
        assertThat(input.path("steps"))
                .extracting(step -> step.path("Name").asText())
                .containsExactly("jdbc_load sales.orders");
        assertThat(input.path("source_check").path("HadoopJarStep").path("Args").toString())
                .as("the source check covers the reloaded tables only")
                .contains("\"--table\",\"sales.orders\"")
                .doesNotContain("sales.customers");
        assertThat(input.path("tables")).isEqualTo(MAPPER.readTree("[\"sales.orders\"]"));
        assertThat(RuntimeSnapshot.read(
                                Path.of(URI.create(input.path("runtime_config").asText())))
                        .items())
                .as("the snapshot keeps every item: steps name their table")
                .hasSize(5);
    }

    @Test
    void aRunForEveryTableHasNullTables() throws Exception {
        event(Map.of("identifier", "shop", "pipeline", "jdbc_load"));

        var input = MAPPER.readTree(startedExecution().input());
        assertThat(input.has("tables")).isTrue();
        assertThat(input.path("tables").isNull()).isTrue();
        assertThat(input.path("steps")).hasSize(2);
    }

    @Test
    void refusesAnUnknownTableNamingTheEnabledOnes() throws Exception {
        var request = LaunchRequest.of("shop", "jdbc_load").withTables(List.of("sales.orders", "sales.order"));

        assertThatThrownBy(() -> launcher(PipelineLauncher.NO_BACKOFF).launch(request))
                .isInstanceOfSatisfying(
                        LaunchRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(LaunchRefusedException.Reason.UNKNOWN_TABLE))
                .hasMessage(
                        "Cannot launch shop jdbc_load for sales.orders, sales.order: sales.order is no enabled table"
                                + " of identifier shop; the enabled tables are [sales.customers, sales.orders] (names as in"
                                + " step::system::<schema.table>; enable a step::system item to add one)");
        assertThat(publishedMessage().path("reason").asText()).isEqualTo("UNKNOWN_TABLE");
        verify(sfn, never()).startExecution(any(StartExecutionRequest.class));
    }

    @Test
    void refusesTablesThatAreNoListOfNames() {
        for (Object tables : List.of(List.of(), "sales.orders", List.of("sales.orders", 7), List.of(" "))) {
            assertThatThrownBy(() -> LaunchRequest.fromEvent(
                            Map.of("identifier", "shop", "pipeline", "jdbc_load", "tables", tables)))
                    .as("tables %s", tables)
                    .isInstanceOf(LakepipeException.class)
                    .hasMessageStartingWith(
                            "Invalid launch request: tables is " + tables
                                    + "; expected a non-empty array of \"schema.table\" names, or no tables field for every table");
        }
    }

    @Test
    void aCustomPipelineRunsWholeWhenChainedFromAReloadAndRefusesTablesWhenAskedDirectly() throws Exception {
        items.add(MAPPER.readTree("""
                {"identifier": "shop", "config": "pipeline::custom::gold", "emr_config": {"release_label": "emr-7.5.0",
                 "master": {"instance_type": "m5.xlarge"}, "worker": {"instance_type": "r5.xlarge", "count": 2}}}"""));
        items.add(MAPPER.readTree("""
                {"identifier": "shop", "config": "step::gold::totals", "enabled": true, "entrypoint": {"class": "shop.Totals", "args": []}}"""));
        var direct = LaunchRequest.of("shop", "gold").withTables(List.of("sales.orders"));

        assertThatThrownBy(() -> launcher(PipelineLauncher.NO_BACKOFF).launch(direct))
                .hasMessage(
                        "Cannot launch shop gold for sales.orders: a table list restricts jdbc_load, seed_hudi and"
                                + " incremental_hudi only, and pipeline::custom::gold runs for every table; launch it without tables");

        var chained = new LaunchRequest(
                "shop", "gold", Optional.of("shop-seed_hudi-20261123110000"), List.of("sales.orders"));
        launcher(PipelineLauncher.NO_BACKOFF).launch(chained);
        var input = MAPPER.readTree(startedExecution().input());
        assertThat(input.path("steps")).hasSize(1);
        assertThat(input.path("tables").isNull()).isTrue();
    }

    private void event(Map<String, Object> event) {
        launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.fromEvent(event));
    }

    @Test
    void plansDeltaStreamerStepsWithTheSourceDatabaseTheStackNames() throws Exception {
        addDeltaStreamerPipeline();
        var launcher = launcherBuilder(PipelineLauncher.NO_BACKOFF)
                .sourceDatabase("shopdb")
                .build();

        launcher.launch(LaunchRequest.of("shop", "incremental_hudi"));

        var input = MAPPER.readTree(startedExecution().input());
        assertThat(input.path("steps").toString()).contains("HoodieStreamer", "incremental/shopdb/sales/orders");
        assertThat(input.has("source_check"))
                .as("only jdbc_load checks the source")
                .isFalse();
    }

    @Test
    void continuousStepsStopBeforeTheExecutionTimeoutAtLaunchPlusTheContinuousLifetime() throws Exception {
        items.add(MAPPER.readTree("""
                {"identifier": "shop", "config": "pipeline::system::continuous_hudi", "emr_config": {"release_label": "emr-7.5.0",
                 "master": {"instance_type": "m5.xlarge"}, "worker": {"instance_type": "r5.xlarge", "count": 2}}}"""));

        launcher(PipelineLauncher.NO_BACKOFF).launch(LaunchRequest.of("shop", "continuous_hudi"));

        var stopAt = NOW.plus(ContinuousLifetime.DEFAULT);
        assertThat(MAPPER.readTree(startedExecution().input()).path("steps"))
                .allSatisfy(step -> assertThat(
                                step.path("HadoopJarStep").path("Args").toString())
                        .endsWith("\"--mode\",\"continuous\",\"--stop-at\",\"" + stopAt + "\"]"));
    }

    @Test
    void refusesADeltaStreamerPlanWithoutASourceDatabase() throws Exception {
        addDeltaStreamerPipeline();
        var launcher = launcherBuilder(PipelineLauncher.NO_BACKOFF).build();

        assertThatThrownBy(() -> launcher.launch(LaunchRequest.of("shop", "incremental_hudi")))
                .hasMessageContaining(
                        "has no source database; set LAKEPIPE_SOURCE_DATABASE (the CDK app sets it from DbName");
    }

    private void addDeltaStreamerPipeline() throws Exception {
        items.add(MAPPER.readTree("""
                {"identifier": "shop", "config": "pipeline::system::incremental_hudi", "emr_config": {"release_label": "emr-7.5.0",
                 "master": {"instance_type": "m5.xlarge"}, "worker": {"instance_type": "r5.xlarge", "count": 2}}}"""));
        ((ObjectNode) items.get(3)).put("engine", "deltastreamer");
    }

    @Test
    void theLambdaHandlerReturnsTheLaunchAsPayload() {
        var handler = new LauncherHandler(launcher(PipelineLauncher.NO_BACKOFF));

        Map<String, Object> payload =
                handler.handleRequest(Map.of("identifier", "shop", "pipeline", "seed_hudi"), null);

        assertThat(payload)
                .containsEntry("execution_name", "shop-seed_hudi-20261123113400")
                .containsEntry(
                        "execution_arn",
                        MACHINE.replace(":stateMachine:", ":execution:") + ":shop-seed_hudi-20261123113400");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("identifier", "shop"), null))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid launch request: pipeline is missing; expected {\"identifier\": \"<id>\", \"pipeline\":"
                                + " \"<pipeline name>\"[, \"tables\": [\"<schema.table>\", ...]]}");
    }

    private PipelineLauncher launcher(Backoff backoff) {
        return launcherBuilder(backoff).build();
    }

    private PipelineLauncher.Builder launcherBuilder(Backoff backoff) {
        String bucket = artifacts.toUri().toString();
        return PipelineLauncher.builder()
                .configs(identifier -> identifier.equals("shop") ? items : List.of())
                .environment(
                        new SnapshotEnvironment("s3://b", "s3://s", "s3://g", bucket, "aws-secretsmanager", "glue"))
                .snapshots(new FileSnapshotStore())
                .executions(new SfnExecutionService(sfn, MACHINE))
                .notifier(new SnsNotifier(sns, TOPIC))
                .backoff(backoff)
                .sleeper(sleeps::add)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void running(String... names) {
        when(sfn.listExecutions(any(ListExecutionsRequest.class))).thenReturn(listing(names));
    }

    private static ListExecutionsResponse listing(String... names) {
        return ListExecutionsResponse.builder()
                .executions(Arrays.stream(names)
                        .map(name -> ExecutionListItem.builder().name(name).build())
                        .toList())
                .build();
    }

    private StartExecutionRequest startedExecution() {
        var captor = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(captor.capture());
        return captor.getValue();
    }

    private JsonNode publishedMessage() throws Exception {
        var captor = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns).publish(captor.capture());
        assertThat(captor.getValue().topicArn()).isEqualTo(TOPIC);
        assertThat(captor.getValue().subject()).startsWith("lakepipe FAILURE: shop ");
        return MAPPER.readTree(captor.getValue().message());
    }
}
