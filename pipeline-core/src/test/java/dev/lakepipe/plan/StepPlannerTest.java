package dev.lakepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigItem;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.SnapshotEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files under src/test/resources/golden/; regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class StepPlannerTest {

    private static final PipelineConfigs CONFIGS =
            ConfigReader.load(Path.of("src/test/resources/plan/planner-configs.json"));
    private static final SnapshotEnvironment ENVIRONMENT = new SnapshotEnvironment(
            "s3://lakepipe-bronze",
            "s3://lakepipe-silver",
            "s3://lakepipe-gold",
            "s3://lakepipe-artifacts/",
            "aws-secretsmanager",
            "glue");
    private static final PlanContext CONTEXT =
            PlanContext.of(ENVIRONMENT, "shop", "exec-1").withContinuousStopAt(Instant.parse("2026-11-25T10:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"jdbc_load", "seed_hudi", "incremental_hudi", "continuous_hudi", "reporting"})
    void matchesGoldenFile(String pipeline) throws IOException {
        var actual = StepPlanner.toAddStepsJson(StepPlanner.plan(CONFIGS, pipeline, CONTEXT));

        GoldenFiles.assertMatches(pipeline + ".json", actual);
    }

    @Test
    void plansTheDocumentedCommandLine() {
        var steps = StepPlanner.plan(CONFIGS, PipelineType.JDBC_LOAD, CONTEXT);

        assertThat(steps)
                .extracting(EmrStep::name)
                .containsExactly("jdbc_load sales.customers", "jdbc_load sales.orders");
        assertThat(steps.get(1).args())
                .containsExactly(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--conf",
                        "spark.yarn.maxAppAttempts=1",
                        "--conf",
                        "spark.executor.cores=2",
                        "--conf",
                        "spark.executor.memory=4g",
                        "--class",
                        "dev.lakepipe.steps.JdbcLoadStep",
                        "s3://lakepipe-artifacts/jars/emr-steps.jar",
                        "--config",
                        "s3://lakepipe-artifacts/runtime/shop/exec-1.json",
                        "--table",
                        "sales.orders");
        assertThat(steps.get(1).actionOnFailure()).isEqualTo(ActionOnFailure.CONTINUE);
    }

    @Test
    void aJdbcLoadRunStartsWithASourceCheckOfItsTablesAndNoOtherPipelineDoes() {
        var check = StepPlanner.sourceCheckStep(CONFIGS, "jdbc_load", CONTEXT).orElseThrow();

        assertThat(check.name()).isEqualTo("source check (2 tables)");
        assertThat(check.args())
                .containsExactly(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--conf",
                        "spark.yarn.maxAppAttempts=1",
                        "--class",
                        "dev.lakepipe.steps.SourceCheckStep",
                        "s3://lakepipe-artifacts/jars/emr-steps.jar",
                        "--config",
                        "s3://lakepipe-artifacts/runtime/shop/exec-1.json",
                        "--table",
                        "sales.customers",
                        "--table",
                        "sales.orders");
        for (var type : List.of(PipelineType.SEED_HUDI, PipelineType.INCREMENTAL_HUDI, PipelineType.CONTINUOUS_HUDI)) {
            assertThat(StepPlanner.sourceCheckStep(CONFIGS, type.configName(), CONTEXT))
                    .as(type.configName())
                    .isEmpty();
        }
        assertThat(StepPlanner.sourceCheckStep(CONFIGS, "no_such_pipeline", CONTEXT))
                .isEmpty();
    }

    @Test
    void hudiStepsPutTheHudiBundleOnTheClasspathAsEmrsHudiGuideSaysAndJdbcLoadDoesNot() {
        var tpcc = ConfigReader.load(Path.of("../pipeline-configs/tpcc.json"));
        for (var type : PipelineType.systemTypes()) {
            for (var step : StepPlanner.plan(tpcc, type, CONTEXT)) {
                var args = String.join(" ", step.args());
                if (type == PipelineType.JDBC_LOAD) {
                    assertThat(args)
                            .as(step.name())
                            .doesNotContain("--jars", "hudi", "spark.kryo.registrator", "spark.serializer");
                } else {
                    assertThat(args)
                            .as(step.name())
                            .contains(
                                    "--jars /usr/lib/hudi/hudi-spark-bundle.jar",
                                    "--conf spark.serializer=org.apache.spark.serializer.KryoSerializer",
                                    "--conf spark.kryo.registrator=org.apache.spark.HoodieSparkKryoRegistrar",
                                    "--conf spark.sql.extensions=org.apache.spark.sql.hudi.HoodieSparkSessionExtension",
                                    "--conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.hudi.catalog.HoodieCatalog");
                }
            }
        }
        assertThat(StepPlanner.plan(tpcc, "consumption", CONTEXT).get(0).args())
                .containsSubsequence(
                        "--jars",
                        "/usr/lib/hudi/hudi-spark-bundle.jar",
                        "--class",
                        "dev.lakepipe.steps.gold.DenormalizeOrderLine");
    }

    @Test
    void aStepsOwnSparkJarsJoinTheHudiBundleAndItsConfWins() {
        var options = HudiOnEmr.sparkSubmitOptions(
                Map.of("spark.jars", "s3://b/extra.jar", "spark.serializer", "x.MySerializer"));

        assertThat(options)
                .containsExactly(
                        "--jars",
                        "/usr/lib/hudi/hudi-spark-bundle.jar,s3://b/extra.jar",
                        "--conf",
                        "spark.kryo.registrator=org.apache.spark.HoodieSparkKryoRegistrar",
                        "--conf",
                        "spark.serializer=x.MySerializer",
                        "--conf",
                        "spark.sql.catalog.spark_catalog=org.apache.spark.sql.hudi.catalog.HoodieCatalog",
                        "--conf",
                        "spark.sql.extensions=org.apache.spark.sql.hudi.HoodieSparkSessionExtension");
    }

    @Test
    void continuousStepsStopAtTheContextsStopTimeAndCannotBePlannedWithoutOne() {
        var steps = StepPlanner.plan(CONFIGS, PipelineType.CONTINUOUS_HUDI, CONTEXT);

        assertThat(steps)
                .allSatisfy(step ->
                        assertThat(step.args()).endsWith("--mode", "continuous", "--stop-at", "2026-11-25T10:00:00Z"));
        assertThat(StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, CONTEXT)
                        .get(0)
                        .args())
                .doesNotContain("--stop-at");
        assertThatThrownBy(() -> StepPlanner.plan(
                        CONFIGS, PipelineType.CONTINUOUS_HUDI, PlanContext.of(ENVIRONMENT, "shop", "exec-1")))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot plan the continuous_hudi step of sales.customers: the plan context has no stop time; a continuous"
                                + " step must stop before its execution's timeout");
    }

    @Test
    void hudiStepsNameTheirTargetTable() {
        var steps = StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, CONTEXT);

        assertThat(steps)
                .extracting(EmrStep::name)
                .containsExactly(
                        "incremental_hudi sales.customers to shop_lake.customers",
                        "incremental_hudi sales.orders to shop_lake.shop_sales_orders");
        assertThat(steps.get(0).args()).endsWith("--table", "sales.customers", "--mode", "incremental");
    }

    /**
     * YARN runs a failed cluster-mode application a second time by default (Spark's ApplicationMaster leaves a failed
     * attempt registered unless it is the last): every planned step asks for one attempt, so a failed step fails once.
     */
    @Test
    void everyPlannedStepRunsItsApplicationOnce() {
        var steps = new ArrayList<EmrStep>();
        for (var pipeline : List.of("jdbc_load", "seed_hudi", "incremental_hudi", "continuous_hudi", "reporting")) {
            steps.addAll(StepPlanner.plan(CONFIGS, pipeline, CONTEXT));
        }
        steps.add(StepPlanner.sourceCheckStep(CONFIGS, "jdbc_load", CONTEXT).orElseThrow());
        steps.add(StepPlanner.verifyStep(CONTEXT, Optional.empty()));

        assertThat(steps)
                .allSatisfy(step -> assertThat(step.args().subList(0, 5))
                        .as(step.name())
                        .containsExactly(
                                "spark-submit", "--deploy-mode", "cluster", "--conf", "spark.yarn.maxAppAttempts=1"));
    }

    @Test
    void customPipelineRunsEnabledStepsWithTheirEntrypoint() {
        var steps = StepPlanner.plan(CONFIGS, "reporting", CONTEXT);

        assertThat(steps)
                .extracting(EmrStep::name)
                .containsExactly("reporting customer_segments", "reporting daily_totals");
        assertThat(steps.get(1).args())
                .containsSubsequence("--class", "com.example.DailyTotals")
                .endsWith("--config", "s3://lakepipe-artifacts/runtime/shop/exec-1.json", "--days", "7");
        assertThat(steps).extracting(EmrStep::actionOnFailure).containsOnly(ActionOnFailure.CANCEL_AND_WAIT);
    }

    @Test
    void plansEveryTpccTable() {
        var tpcc = ConfigReader.load(Path.of("../pipeline-configs/tpcc.json"));
        var context = PlanContext.of(ENVIRONMENT, "tpcc", "tpcc-jdbc_load-1").withContinuousStopAt(Instant.EPOCH);

        for (var type : PipelineType.systemTypes()) {
            var steps = StepPlanner.plan(tpcc, type, context);
            assertThat(steps)
                    .as(
                            "%s: the four large tables on their own, the five small ones in step_group small",
                            type.configName())
                    .hasSize(5);
            assertThat(steps)
                    .extracting(EmrStep::name)
                    .contains(
                            type.configName() + " group small (5 tables: public.district, public.history, public.item,"
                                    + " public.new_order, public.warehouse)");
        }
        var gold = StepPlanner.plan(tpcc, "consumption", context);
        assertThat(gold).singleElement().extracting(EmrStep::name).isEqualTo("consumption denormalize_order_line");
        assertThat(gold.get(0).args()).contains("dev.lakepipe.steps.gold.DenormalizeOrderLine");
    }

    @Test
    void rendersExecutionInputSteps() {
        var step = new EmrStep("jdbc_load public.item", ActionOnFailure.CONTINUE, List.of("spark-submit", "--x"));

        assertThat(step.toExecutionInputJson().toString())
                .isEqualTo("{\"name\":\"jdbc_load public.item\",\"args\":[\"spark-submit\",\"--x\"]}");
    }

    @Test
    void verifyStep() {
        var step = StepPlanner.verifyStep(CONTEXT, Optional.of("sales.orders"));

        assertThat(step.args())
                .containsExactly(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--conf",
                        "spark.yarn.maxAppAttempts=1",
                        "--jars",
                        "/usr/lib/hudi/hudi-spark-bundle.jar",
                        "--conf",
                        "spark.kryo.registrator=org.apache.spark.HoodieSparkKryoRegistrar",
                        "--conf",
                        "spark.serializer=org.apache.spark.serializer.KryoSerializer",
                        "--conf",
                        "spark.sql.catalog.spark_catalog=org.apache.spark.sql.hudi.catalog.HoodieCatalog",
                        "--conf",
                        "spark.sql.extensions=org.apache.spark.sql.hudi.HoodieSparkSessionExtension",
                        "--class",
                        "dev.lakepipe.steps.VerifyStep",
                        "s3://lakepipe-artifacts/jars/emr-steps.jar",
                        "--config",
                        "s3://lakepipe-artifacts/runtime/shop/exec-1.json",
                        "--table",
                        "sales.orders");
    }

    @Test
    void liveVerifyStepPassesTheModeAndTheCatchUpWait() {
        var step = StepPlanner.verifyStep(CONTEXT, Optional.of("sales.orders"), Optional.of(Duration.ofMinutes(2)));

        assertThat(step.name()).isEqualTo("verify --live sales.orders");
        assertThat(step.args())
                .containsSequence("--class", "dev.lakepipe.steps.VerifyStep")
                .endsWith("--table", "sales.orders", "--mode", "live", "--catch-up-wait", "120");
    }

    @Test
    void rejectsAnUnknownPipeline() {
        assertThatThrownBy(() -> StepPlanner.plan(CONFIGS, "reportng", CONTEXT))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot plan pipeline reportng for shop: no such pipeline item; configured: "
                        + List.of("reporting", "continuous_hudi", "incremental_hudi", "jdbc_load", "seed_hudi"));
    }

    @Test
    void theTablesOfAStepGroupShareOneStepWithATableArgumentEachAndTheirJoinedSparkConf() {
        var configs = grouped(List.of("sales.a", "sales.b", "sales.c"), "small");

        var steps = StepPlanner.plan(configs, PipelineType.CONTINUOUS_HUDI, CONTEXT);

        assertThat(steps)
                .extracting(EmrStep::name)
                .containsExactly(
                        "continuous_hudi group small (3 tables: sales.a, sales.b, sales.c)",
                        "continuous_hudi sales.d to shop_lake.shop_sales_d");
        var args = String.join(" ", steps.get(0).args());
        assertThat(args)
                .contains("--conf spark.executor.cores=2 ")
                .contains("--conf spark.sql.shuffle.partitions=4 ")
                .endsWith(
                        "--table sales.a --table sales.b --table sales.c --mode continuous --stop-at 2026-11-25T10:00:00Z");
        assertThat(steps.get(0).actionOnFailure()).isEqualTo(ActionOnFailure.CONTINUE);
    }

    @Test
    void aGroupWithOneEnabledTableIsAnOrdinaryStep() {
        var configs = grouped(List.of("sales.a"), "small");

        assertThat(StepPlanner.plan(configs, PipelineType.JDBC_LOAD, CONTEXT))
                .extracting(EmrStep::name)
                .containsExactly("jdbc_load sales.a", "jdbc_load sales.d");
    }

    @Test
    void aGroupStepNameStaysWithinEmrsLimitAndCountsTheTablesItLeavesOut() {
        var tables = IntStream.range(0, 30)
                .mapToObj(index -> "sales.table_with_a_long_name_%02d".formatted(index))
                .toList();

        var name = StepPlanner.plan(grouped(tables, "all"), PipelineType.SEED_HUDI, CONTEXT)
                .get(1)
                .name();

        assertThat(name)
                .hasSizeLessThanOrEqualTo(EmrStep.MAX_NAME_LENGTH)
                .startsWith("seed_hudi group all (30 tables: sales.table_with_a_long_name_00, ")
                .matches(".*, \\+\\d+ more\\)");
    }

    /** The pipelines of CONFIGS; {@code tables} in {@code group} with spark_conf that joins; sales.d on its own; sales.z disabled. */
    private static PipelineConfigs grouped(List<String> tables, String group) {
        var items = new ArrayList<String>(List.of("""
                {"identifier":"shop","config":"database::config","secret":"s","target_db_name":"shop_lake","target_table_prefix":"shop"}""", """
                {"identifier":"shop","config":"step::system::sales.d","hudi_config":{"primary_key":"id"}}"""));
        for (var index = 0; index < tables.size(); index++) {
            var conf = index == 0
                    ? "{\"spark.sql.shuffle.partitions\":\"4\"}"
                    : "{\"spark.sql.shuffle.partitions\":\"4\",\"spark.executor.cores\":\"2\"}";
            items.add("""
                    {"identifier":"shop","config":"step::system::%s","hudi_config":{"primary_key":"id"},"step_group":"%s",
                     "spark_conf":{"continuous_hudi":%s}}""".formatted(tables.get(index), group, conf));
        }
        items.add("""
                {"identifier":"shop","config":"step::system::sales.z","hudi_config":{"primary_key":"id"},"step_group":"%s",
                 "enabled":false}""".formatted(group));
        var all = new ArrayList<ConfigItem>(CONFIGS.pipelines());
        all.addAll(PipelineConfigs.fromStoredItems(
                        ConfigReader.parseItems("[" + String.join(",", items) + "]", "test"), "test")
                .items());
        return PipelineConfigs.of(all);
    }
}
