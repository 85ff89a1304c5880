package dev.lakepipe.local.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessContract;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.cli.LakepipeCli;
import dev.lakepipe.deploy.LakeBucket;
import dev.lakepipe.launcher.LaunchRefusedException;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.local.demo.OrchestratedLoad;
import dev.lakepipe.local.dynamodb.ConfigTableConnection;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.metrics.LocalMetricsFile;
import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.TableLag;
import dev.lakepipe.plan.StepPlanner;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access contract (docs/access-contract.md) of every step kind of the tpcc pipelines and of the launcher: the chain
 * jdbc_load → seed_hudi → incremental_hudi through the launcher and the state machine, then a consumption gold step and
 * a continuous_hudi run side by side (as on AWS) until the continuous step has run its first cycle (a second
 * continuous_hudi launch is refused then) and stops on SIGTERM,
 * as on {@code --stop-at} (exit 0), and the execution hands over.
 * Every step runs in its own JVM recording its S3, Secrets Manager and Glue accesses; the launcher and the state machine
 * record theirs (DynamoDB, Step Functions, S3, SNS, Lambda). Each access is then evaluated against the role the
 * synthesized stack gives its caller (plus the bucket policies, as an in-VPC call). Two small tables at TINY scale (one
 * keyed by all columns); the gold and continuous steps use one table, so each step kind adds one JVM at most.
 */
class AccessContractIT {

    private static final String IDENTIFIER = "tpcc";
    private static final Set<String> ITEMS = Set.of(
            "database::config",
            "step::system::public.warehouse",
            "step::system::public.history",
            "pipeline::system::jdbc_load",
            "pipeline::system::seed_hudi",
            "pipeline::system::incremental_hudi",
            "pipeline::system::continuous_hudi",
            "pipeline::custom::consumption");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    /**
     * A bound only: the test stops the continuous step once its status shows a cycle done ({@link #oneContinuousRun})
     * instead of waiting out a fixed lifetime, which a slow step start could outlast before its first cycle.
     */
    private static final Duration CONTINUOUS_LIFETIME = RUN_LIMIT;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kept after the run (target/ is the build's), so a failed step's logs can be read. */
    private static final Path home = Path.of("target", "access-contract-it").toAbsolutePath();

    private static List<Access> accesses;

    @BeforeAll
    static void runEveryStepKind() throws Exception {
        FileTrees.deleteRecursively(home);
        Files.createDirectories(home);
        var sql = home.resolve("s3").resolve(LakeBucket.ARTIFACTS.localName()).resolve("sql/warehouse_summary.sql");
        Files.createDirectories(sql.getParent());
        Files.writeString(sql, "SELECT w_id, w_name, w_state FROM tpcc_lake.tpcc_public_warehouse");
        var runtimeOfTest = new AtomicReference<LocalPipelineRuntime>();
        var secondContinuousLaunch = new AtomicReference<Throwable>();
        try (var source = TpccSource.builder()
                        .home(home)
                        .durable(false)
                        .scale(TpccScale.TINY)
                        .warehouses(1)
                        .build();
                var configs = ConfigTableConnection.open(Optional.empty(), home, OrchestratedLoad.CONFIG_TABLE);
                var runtime = LocalPipelineRuntime.builder()
                        .home(home)
                        .stateMachines(SynthesizedStack.REPOSITORY.resolve("state-machines"))
                        .configs(configs.table())
                        .stepProcesses(oneContinuousRun(
                                SparkStepProcess.local(),
                                () -> secondContinuousLaunch.set(catchThrowable(() ->
                                        runtimeOfTest.get().launch(LaunchRequest.of(IDENTIFIER, "continuous_hudi"))))))
                        .continuousLifetime(CONTINUOUS_LIFETIME)
                        .build()) {
            runtimeOfTest.set(runtime);
            var items = items(sql.toUri());
            configs.table().putAll(items);
            var chain = runtime.runChain(LaunchRequest.of(IDENTIFIER, "jdbc_load"));
            assertThat(chain)
                    .extracting(Execution::status)
                    .containsExactly(ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED);

            // continuous_hudi on warehouse only: one step JVM.
            configs.table()
                    .putAll(items.stream()
                            .filter(item -> item.path("config").asText().equals("step::system::public.history"))
                            .map(item -> (JsonNode) ((ObjectNode) item.deepCopy()).put("enabled", false))
                            .toList());
            var gold = execution(
                    runtime,
                    runtime.launch(LaunchRequest.of(IDENTIFIER, "consumption")).executionArn());
            var continuous = execution(
                    runtime,
                    runtime.launch(LaunchRequest.of(IDENTIFIER, "continuous_hudi"))
                            .executionArn());
            assertThat(gold.await(RUN_LIMIT)).as("consumption %s", gold.name()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(continuous.await(RUN_LIMIT))
                    .as("continuous_hudi %s", continuous.name())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(secondContinuousLaunch.get())
                    .as("a second continuous_hudi launch while the first one's step runs (the launcher publishes the"
                            + " refusal)")
                    .isInstanceOf(LaunchRefusedException.class);
            var successor = execution(
                    runtime, LocalPipelineRuntime.nextExecution(continuous).orElseThrow());
            assertThat(successor.await(RUN_LIMIT))
                    .as("the successor, whose step oneContinuousRun refuses")
                    .isEqualTo(ExecutionStatus.FAILED);
        }
        accesses = AccessContractChecks.accesses(home);
    }

    /** The tpcc configs of the two tables and of every system pipeline, the consumption pipeline with one SQL gold step. */
    private static List<JsonNode> items(URI sql) throws IOException {
        var items = new ArrayList<JsonNode>();
        JSON.readTree(SynthesizedStack.REPOSITORY
                        .resolve("pipeline-configs/tpcc.json")
                        .toFile())
                .forEach(item -> {
                    if (ITEMS.contains(item.path("config").asText())) {
                        var copy = (ObjectNode) item.deepCopy();
                        if (item.path("config").asText().equals("pipeline::system::incremental_hudi")) {
                            copy.remove("next_pipeline");
                        }
                        if (item.path("config").asText().equals("step::system::public.warehouse")) {
                            // Partitioned, so the Glue sync of its commits creates partitions.
                            ((ObjectNode) copy.path("hudi_config"))
                                    .put("is_partitioned", true)
                                    .put("partition_path", "w_id")
                                    .put(
                                            "partition_extractor_class",
                                            "org.apache.hudi.hive.MultiPartKeysValueExtractor");
                        }
                        items.add(copy);
                    }
                });
        items.add(JSON.readTree("""
                {"identifier": "tpcc", "config": "step::consumption::warehouse_summary", "enabled": true,
                 "spark_conf": {"spark.sql.shuffle.partitions": "2"},
                 "entrypoint": {"class": "dev.lakepipe.steps.custom.SqlStep",
                                "args": ["--sql", "%s", "--table", "tpcc_warehouse_summary", "--record-key", "w_id"]}}""".formatted(sql)));
        return items;
    }

    /**
     * The local step JVMs, but only the first continuous_hudi step runs, and only until its status file shows its first
     * cycle: then {@code whileRunning} runs (the step is certain to run until it is stopped), and the step gets SIGTERM
     * and stops as it does on {@code --stop-at}, exit 0. A continuous execution hands over to a fresh one when its steps
     * stop, without end; the successor's step is refused, so the successor fails and the run ends.
     */
    private static StepProcesses oneContinuousRun(StepProcesses steps, Runnable whileRunning) {
        var continuousSteps = new AtomicInteger();
        return (command, stdout, stderr) -> {
            if (!command.args().contains("continuous")) {
                return steps.run(command, stdout, stderr);
            }
            if (continuousSteps.incrementAndGet() > 1) {
                Files.writeString(
                        stderr,
                        "AccessContractIT runs one continuous_hudi execution; the step of its successor is refused\n");
                return 1;
            }
            var stopper = new ContinuousStopper(Thread.currentThread(), whileRunning);
            stopper.start();
            try {
                return steps.run(command, stdout, stderr);
            } finally {
                stopper.interrupt();
                stopper.join();
                stopper.failure().ifPresent(failure -> {
                    throw new IllegalStateException(
                            "Failed to stop the continuous step after its first cycle", failure);
                });
            }
        };
    }

    /**
     * Sends SIGTERM to the continuous step's JVM once the warehouse's apply status shows a cycle done and running: what
     * EMR's step cancel sends. The JVM is found by its arguments in {@code /proc/<pid>/cmdline}: the JDK's
     * {@code ProcessHandle.Info} reports none for a command line longer than a page, and the classpath makes it longer.
     */
    private static final class ContinuousStopper extends Thread {

        private static final Path STATUS = home.resolve("s3/lakepipe-logs/cdc/tpcc/public.warehouse.json");
        private static final Duration POLL = Duration.ofMillis(200);

        private final Thread step;
        private final Runnable whileRunning;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        /**
         * @param step the thread running the step: interrupted (which kills the step) when stopping it fails
         * @param whileRunning runs after the first cycle, before the SIGTERM
         */
        ContinuousStopper(Thread step, Runnable whileRunning) {
            super("stop-continuous-step");
            this.step = step;
            this.whileRunning = whileRunning;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!firstCycleDone()) {
                    Thread.sleep(POLL.toMillis());
                }
                whileRunning.run();
                var steps = ProcessHandle.current()
                        .descendants()
                        .filter(ContinuousStopper::isContinuousStep)
                        .toList();
                if (steps.size() != 1) {
                    throw new IllegalStateException(
                            "Expected one continuous HudiApplyStep JVM among this JVM's descendants, found "
                                    + steps.size());
                }
                steps.get(0).destroy();
            } catch (InterruptedException e) {
                // The step ended on its own (or failed) first: nothing to stop.
            } catch (Exception e) {
                failure.set(e);
                step.interrupt();
            }
        }

        Optional<Exception> failure() {
            return Optional.ofNullable(failure.get());
        }

        private static boolean firstCycleDone() throws IOException {
            String status;
            try {
                status = Files.readString(STATUS);
            } catch (NoSuchFileException e) {
                // Not written yet, or between the writer's delete and its rename of the new status.
                return false;
            }
            var json = JSON.readTree(status);
            return json.path("state").asText().equals("running")
                    && json.path("cycle").asInt() >= 1;
        }

        private static boolean isContinuousStep(ProcessHandle process) {
            List<String> args;
            try {
                args = List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                        .split("\\x00"));
            } catch (IOException e) {
                // It ended since it was listed.
                return false;
            }
            var mode = args.indexOf("--mode");
            return args.contains(StepPlanner.HUDI_APPLY_CLASS)
                    && mode >= 0
                    && mode + 1 < args.size()
                    && args.get(mode + 1).equals("continuous");
        }
    }

    private static Execution execution(LocalPipelineRuntime runtime, String arn) {
        return runtime.engine().execution(arn).orElseThrow(() -> new AssertionError("no execution " + arn));
    }

    @Test
    void everyAccessOfEveryStepKindAndOfTheLauncherIsAllowedByItsRoleInTheSynthesizedStack() {
        assertThat(accesses)
                .extracting(Access::step)
                .anyMatch(startsWith("jdbc_load "))
                .anyMatch(startsWith("seed_hudi "))
                .anyMatch(startsWith("incremental_hudi "))
                .anyMatch(startsWith("continuous_hudi public.warehouse"))
                .contains("consumption warehouse_summary")
                .contains("launcher", LocalPipelineRuntime.STATE_MACHINE_NAME);
        assertThat(accesses)
                .extracting(Access::action)
                .contains(
                        "s3:GetObject",
                        "s3:PutObject",
                        "s3:DeleteObject",
                        "s3:ListBucket",
                        "secretsmanager:GetSecretValue",
                        "glue:GetDatabase",
                        "glue:GetTable",
                        "glue:CreateTable",
                        "glue:UpdateTable",
                        "glue:GetPartitions",
                        "glue:BatchCreatePartition",
                        "sns:Publish");
        assertThat(accesses)
                .filteredOn(access -> access.action().equals(MetricsPublisher.ACTION))
                .allSatisfy(
                        access -> assertThat(access.context()).isEqualTo(Map.of("cloudwatch:namespace", "Lakepipe")))
                .extracting(Access::step)
                .anyMatch(startsWith("incremental_hudi "))
                .anyMatch(startsWith("continuous_hudi public.warehouse"));
        assertThat(accesses)
                .filteredOn(access -> access.step().equals("launcher"))
                .extracting(Access::action)
                .contains(
                        "dynamodb:Query",
                        "states:ListExecutions",
                        "states:StartExecution",
                        "s3:PutObject",
                        "sns:Publish");
        assertThat(accesses)
                .filteredOn(access -> access.step().equals(LocalPipelineRuntime.STATE_MACHINE_NAME))
                .extracting(Access::action)
                .contains(
                        "lambda:InvokeFunction",
                        "sns:Publish",
                        "elasticmapreduce:RunJobFlow",
                        "iam:PassRole",
                        "elasticmapreduce:AddJobFlowSteps",
                        "elasticmapreduce:DescribeStep",
                        "elasticmapreduce:TerminateJobFlows",
                        "events:PutRule");

        AccessContractChecks.assertAllowed(SynthesizedStack.contract(SynthesizedStack.defaults()), accesses);
    }

    @Test
    void aZoneRoleWithoutItsSilverWriteStatementFailsNamingStepActionAndResource() {
        var violations = violationsWithout("EmrRolesSilverJobFlowRole", "s3:PutObject", "DataLakeSilverBucket");

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation.role()).startsWith("EmrRolesSilverJobFlowRole"));
        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(
                        message -> assertThat(message)
                                .startsWith("seed_hudi group small (2 tables: public.history, public.warehouse)")
                                .contains(
                                        "as role EmrRolesSilverJobFlowRole",
                                        "s3:PutObject arn:aws:s3:::lakepipe-silver/tpcc_lake/",
                                        "no statement allows it; missing: Allow s3:PutObject on arn:aws:s3:::lakepipe-silver/"));
    }

    @Test
    void theSilverRoleWithoutGlueBatchCreatePartitionFailsTheSyncOfANewPartitionNamingActionRoleAndFix() {
        var violations = SynthesizedStack.contract(SynthesizedStack.withoutAction(
                        SynthesizedStack.defaults(), "EmrRolesSilverJobFlowRole", "glue:BatchCreatePartition"))
                .check(accesses);

        assertThat(violations).isNotEmpty().allSatisfy(violation -> {
            assertThat(violation.access().action()).isEqualTo("glue:BatchCreatePartition");
            assertThat(violation.role()).startsWith("EmrRolesSilverJobFlowRole");
        });
        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(
                        message -> assertThat(message)
                                .startsWith("seed_hudi ")
                                .contains(
                                        "as role EmrRolesSilverJobFlowRole",
                                        "glue:BatchCreatePartition arn:aws:glue:us-east-1:123456789012:table/tpcc_lake/tpcc_public_warehouse:",
                                        "no statement allows it; missing: Allow glue:BatchCreatePartition on arn:aws:glue:us-east-1:123456789012:table/tpcc_lake/tpcc_public_warehouse"));
    }

    @Test
    void theLauncherRoleWithoutItsStepFunctionsStatementFailsNamingTheCallActionAndStateMachine() {
        var violations = violationsWithout(
                "PipelineLauncherFunctionServiceRole", "states:StartExecution", ":stateMachine:lakepipe-tpcc-pipeline");

        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(
                        message -> assertThat(message)
                                .startsWith("launcher as role PipelineLauncherFunctionServiceRole")
                                .endsWith(
                                        "(arn:aws:lambda:local:000000000000:function:lakepipe-launcher): states:StartExecution "
                                                + "arn:aws:states:us-east-1:123456789012:stateMachine:lakepipe-tpcc-pipeline: no statement allows it; "
                                                + "missing: Allow states:StartExecution on arn:aws:states:us-east-1:123456789012:stateMachine:lakepipe-tpcc-pipeline"));
        assertThat(violations)
                .extracting(violation -> violation.access().action())
                .containsOnly("states:StartExecution", "states:ListExecutions");
    }

    @Test
    void theGoldRoleWithoutItsSilverReadStatementFailsTheGoldStep() {
        var violations = violationsWithout("EmrRolesGoldJobFlowRole", "s3:GetObject", "DataLakeSilverBucket");

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(
                        violation -> assertThat(violation.access().step()).isEqualTo("consumption warehouse_summary"));
        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(message -> assertThat(message)
                        .startsWith("consumption warehouse_summary as role EmrRolesGoldJobFlowRole")
                        .contains(
                                "s3:GetObject arn:aws:s3:::lakepipe-silver/tpcc_lake/tpcc_public_warehouse/",
                                "missing: Allow s3:GetObject on"));
    }

    @Test
    void theSilverRoleWithoutItsSecretStatementFailsTheContinuousStepToo() {
        var violations =
                violationsWithout("EmrRolesSilverJobFlowRole", "secretsmanager:GetSecretValue", "RuntimeSparkSecret");

        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(message -> assertThat(message)
                        .startsWith("continuous_hudi public.warehouse")
                        .contains(
                                "as role EmrRolesSilverJobFlowRole",
                                "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:tpcc/rdbms/rds/primary/spark-",
                                "no statement allows it; missing: Allow secretsmanager:GetSecretValue on"));
    }

    @Test
    void theStateMachineRoleWithoutItsTaggedClusterStatementsFailsNamingTheCallsAndTheirTags() {
        var violations =
                violationsWithout("PipelineStateMachineRole", "elasticmapreduce:AddJobFlowSteps", ":cluster/*");

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(violation ->
                        assertThat(violation.access().step()).isEqualTo(LocalPipelineRuntime.STATE_MACHINE_NAME));
        assertThat(violations)
                .extracting(violation -> violation.access().action())
                .contains(
                        "elasticmapreduce:AddJobFlowSteps",
                        "elasticmapreduce:DescribeStep",
                        "elasticmapreduce:TerminateJobFlows");
        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(message -> assertThat(message)
                        .startsWith("lakepipe-pipeline as role PipelineStateMachineRole")
                        .contains(
                                "elasticmapreduce:AddJobFlowSteps arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-",
                                "no statement allows it; missing: Allow elasticmapreduce:AddJobFlowSteps on",
                                "elasticmapreduce:ResourceTag/lakepipe:use-case=tpcc"));
    }

    @Test
    void theSilverRoleWithoutItsMetricsStatementFailsTheApplyStepsPublishAndNoRolePublishesElsewhere() {
        var violations = violationsWithout("EmrRolesSilverJobFlowRole", MetricsPublisher.ACTION, "*");

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation.access().action()).isEqualTo(MetricsPublisher.ACTION));
        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .anySatisfy(message -> assertThat(message)
                        .startsWith("incremental_hudi ")
                        .contains("as role EmrRolesSilverJobFlowRole")
                        .endsWith("cloudwatch:PutMetricData *: no statement allows it; missing: Allow"
                                + " cloudwatch:PutMetricData on * (request context {cloudwatch:namespace=Lakepipe})"));
        var publish = accesses.stream()
                .filter(access -> access.action().equals(MetricsPublisher.ACTION))
                .findFirst()
                .orElseThrow();
        var elsewhere = new Access(
                publish.step(),
                publish.principal(),
                publish.action(),
                publish.resource(),
                Map.of("cloudwatch:namespace", "AWS/EMR"));
        assertThat(SynthesizedStack.contract(SynthesizedStack.defaults()).check(List.of(elsewhere)))
                .extracting(AccessContract.Violation::reason)
                .containsExactly("no statement allows it; missing: Allow cloudwatch:PutMetricData on *"
                        + " (request context {cloudwatch:namespace=AWS/EMR})");
    }

    /** The figures the real apply steps published, read back by {@code lakepipe status}. */
    @Test
    void lakepipeStatusShowsWhatTheApplyStepsPublished() {
        var figures = TableLag.latest(
                LocalMetricsFile.read(LocalMetricsFile.directoryOf(home).resolve(LocalMetricsFile.FILE_NAME)));
        assertThat(figures)
                .extracting(
                        TableLag::identifier, TableLag::table, TableLag::pendingFiles, TableLag::secondsBehindCapture)
                .containsExactlyInAnyOrder(
                        tuple(IDENTIFIER, "public.history", 0L, Optional.of(0.0)),
                        tuple(IDENTIFIER, "public.warehouse", 0L, Optional.of(0.0)));
        var out = new StringWriter();
        var cli = LakepipeCli.newCommandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("status", "--home", home.toString(), "--identifier", IDENTIFIER))
                .isZero();

        assertThat(out.toString().lines())
                .anyMatch(line -> line.matches("tpcc +public\\.history +\\S+ +0\\.0s +0 +0 B .*"))
                .anyMatch(line -> line.matches("tpcc +public\\.warehouse +\\S+ +0\\.0s +0 +0 B .*"));
    }

    private static List<AccessContract.Violation> violationsWithout(
            String rolePrefix, String action, String resourcePart) {
        return SynthesizedStack.contract(SynthesizedStack.withoutStatement(
                        SynthesizedStack.defaults(), rolePrefix, action, resourcePart))
                .check(accesses);
    }

    private static Predicate<String> startsWith(String prefix) {
        return step -> step.startsWith(prefix);
    }
}
