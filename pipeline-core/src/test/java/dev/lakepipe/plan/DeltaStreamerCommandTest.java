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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engine: deltastreamer}: golden files {@code golden/<pipeline>_deltastreamer.json}; regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class DeltaStreamerCommandTest {

    private static final PipelineConfigs CONFIGS = ConfigReader.load(Path.of("src/test/resources/plan/deltastreamer-configs.json"));
    private static final SnapshotEnvironment ENVIRONMENT = new SnapshotEnvironment(
            "s3://lakepipe-bronze", "s3://lakepipe-silver/", "s3://lakepipe-gold", "s3://lakepipe-artifacts",
            "aws-secretsmanager", "glue");
    private static final PlanContext CONTEXT = PlanContext.of(ENVIRONMENT, "shop", "exec-1").withSourceDatabase("shopdb");

    @ParameterizedTest
    @ValueSource(strings = {"incremental_hudi", "continuous_hudi"})
    void matchesGoldenFile(String pipeline) throws IOException {
        var actual = StepPlanner.toAddStepsJson(StepPlanner.plan(CONFIGS, pipeline, CONTEXT));

        GoldenFiles.assertMatches(pipeline + "_deltastreamer.json", actual);
    }

    @Test
    void readsTheTablesDmsFolderAndOrdersByTheChangeSequence() {
        var orders = StepPlanner.plan(CONFIGS, PipelineType.CONTINUOUS_HUDI, CONTEXT).get(2);

        assertThat(orders.name()).isEqualTo("continuous_hudi sales.orders to shop_lake.shop_sales_orders");
        assertThat(orders.args()).containsSubsequence(
                "spark-submit", "--deploy-mode", "cluster", "--conf", "spark.dynamicAllocation.maxExecutors=4",
                "--class", "org.apache.hudi.utilities.streamer.HoodieStreamer", "/usr/lib/hudi/hudi-utilities-bundle.jar",
                "--table-type", "MERGE_ON_READ",
                "--source-ordering-field", "trx_seq",
                "--transformer-class", "org.apache.hudi.utilities.transform.AWSDmsTransformer",
                "--payload-class", "org.apache.hudi.common.model.DefaultHoodieRecordPayload",
                "--target-base-path", "s3://lakepipe-silver/shop_lake/shop_sales_orders",
                "--hoodie-conf", "hoodie.streamer.source.dfs.root=s3://lakepipe-bronze/incremental/shopdb/sales/orders",
                "--hoodie-conf", "hoodie.index.type=GLOBAL_SIMPLE")
                .endsWith("--continuous", "--min-sync-interval-seconds", "60");
    }

    @Test
    void leavesSparkEngineTablesAndOtherPipelinesAlone() {
        var customers = StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, CONTEXT).get(0);

        assertThat(customers.args()).containsSubsequence("--class", "dev.lakepipe.steps.HudiApplyStep")
                .endsWith("--table", "sales.customers", "--mode", "incremental");
    }

    @Test
    void needsTheSourceDatabase() {
        var withoutDatabase = PlanContext.of(ENVIRONMENT, "shop", "exec-1");

        assertThatThrownBy(() -> StepPlanner.plan(CONFIGS, PipelineType.INCREMENTAL_HUDI, withoutDatabase))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot plan the deltastreamer step of sales.order_items: the plan context has no source database name");
    }
}
