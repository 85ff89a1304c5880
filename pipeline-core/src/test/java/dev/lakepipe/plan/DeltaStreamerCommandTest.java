package dev.lakepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.SnapshotEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code engine: deltastreamer}: golden files {@code golden/<pipeline>_deltastreamer.json}; regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class DeltaStreamerCommandTest {

    private static final PipelineConfigs CONFIGS =
            ConfigReader.load(Path.of("src/test/resources/plan/deltastreamer-configs.json"));
    private static final SnapshotEnvironment ENVIRONMENT = new SnapshotEnvironment(
            "s3://lakepipe-bronze",
            "s3://lakepipe-silver/",
            "s3://lakepipe-gold",
            "s3://lakepipe-artifacts",
            "aws-secretsmanager",
            "glue");
    private static final PlanContext CONTEXT =
            PlanContext.of(ENVIRONMENT, "shop", "exec-1").withSourceDatabase("shopdb");

    @Test
    void matchesGoldenFile() throws IOException {
        var actual = StepPlanner.toAddStepsJson(StepPlanner.plan(CONFIGS, "incremental_hudi", CONTEXT));

        GoldenFiles.assertMatches("incremental_hudi_deltastreamer.json", actual);
    }

    @Test
    void readsTheTablesDmsFolderAndOrdersByTheChangeSequence() {
        var orders = StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, CONTEXT)
                .get(2);

        assertThat(orders.name()).isEqualTo("incremental_hudi sales.orders to shop_lake.shop_sales_orders");
        assertThat(orders.args())
                .containsSubsequence(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--conf",
                        "spark.dynamicAllocation.maxExecutors=4",
                        "--class",
                        "org.apache.hudi.utilities.streamer.HoodieStreamer",
                        "/usr/lib/hudi/hudi-utilities-bundle.jar",
                        "--table-type",
                        "MERGE_ON_READ",
                        "--source-ordering-field",
                        "trx_seq",
                        "--transformer-class",
                        "org.apache.hudi.utilities.transform.AWSDmsTransformer",
                        "--payload-class",
                        "org.apache.hudi.common.model.DefaultHoodieRecordPayload",
                        "--target-base-path",
                        "s3://lakepipe-silver/shop_lake/shop_sales_orders",
                        "--hoodie-conf",
                        "hoodie.streamer.source.dfs.root=s3://lakepipe-bronze/incremental/shopdb/sales/orders",
                        "--hoodie-conf",
                        "hoodie.index.type=BLOOM")
                .doesNotContain("--continuous");
    }

    @Test
    void refusesContinuousHudiBecauseHoodieStreamerCannotStopAtTheExecutionsStopTime() {
        assertThatThrownBy(() -> StepPlanner.plan(
                        CONFIGS, PipelineType.CONTINUOUS_HUDI, CONTEXT.withContinuousStopAt(Instant.EPOCH)))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot plan the deltastreamer step of sales.order_items: HoodieStreamer --continuous runs until it is"
                                + " killed, so the step would outlive its execution (continuous runs stop before the state machine's timeout"
                                + " and hand over); use engine spark for continuous_hudi, or run this table's deltastreamer with incremental_hudi");
    }

    @Test
    void leavesSparkEngineTablesAndOtherPipelinesAlone() {
        var customers = StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, CONTEXT)
                .get(0);

        assertThat(customers.args())
                .containsSubsequence("--class", "dev.lakepipe.steps.HudiApplyStep")
                .endsWith("--table", "sales.customers", "--mode", "incremental");
    }

    @Test
    void needsTheSourceDatabase() {
        var withoutDatabase = PlanContext.of(ENVIRONMENT, "shop", "exec-1");

        assertThatThrownBy(() -> StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, withoutDatabase))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot plan the deltastreamer step of sales.order_items: the plan context has no source database name");
    }
}
