package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpccConfigsTest {

    static final Path TPCC = Path.of("../pipeline-configs/tpcc.json");

    @Test
    void tpccConfigsAreValid() {
        var report = ConfigValidator.validate(ConfigReader.readItems(TPCC));

        assertThat(report.problems()).isEmpty();
    }

    @Test
    void tpccDefinesAllNineTablesWithHammerDbKeys() {
        var configs = ConfigReader.load(TPCC);

        assertThat(configs.identifier()).isEqualTo("tpcc");
        assertThat(configs.database())
                .isEqualTo(new DatabaseConfig("tpcc", "tpcc/rdbms/rds/primary/spark", "tpcc_lake", "tpcc"));
        assertThat(configs.systemSteps())
                .extracting(step -> step.table().table())
                .containsExactly(
                        "customer",
                        "district",
                        "history",
                        "item",
                        "new_order",
                        "order_line",
                        "orders",
                        "stock",
                        "warehouse");
        var orderLine = configs.systemStep("public.order_line");
        assertThat(orderLine.hudiConfig().primaryKey()).containsExactly("ol_w_id", "ol_d_id", "ol_o_id", "ol_number");
        assertThat(orderLine.hudiConfig().partitionPath()).contains("ol_w_id");
        assertThat(orderLine.hudiConfig().watermark()).isEqualTo("trx_seq");
        assertThat(configs.systemStep("public.stock").hudiConfig().partitionPath())
                .contains("s_w_id");
        assertThat(configs.targetTableName("public.order_line")).isEqualTo("tpcc_public_order_line");
    }

    @Test
    void historyIsKeyedByAllColumns() {
        var history = ConfigReader.load(TPCC).systemStep("public.history").hudiConfig();

        assertThat(history.keyStrategy()).isEqualTo(KeyStrategy.ALL_COLUMNS);
        assertThat(history.recordKeyFields(List.of("h_c_id", "h_c_d_id", "h_amount")))
                .containsExactly("h_c_id", "h_c_d_id", "h_amount");
    }

    @Test
    void systemPipelinesAreChained() {
        var configs = ConfigReader.load(TPCC);

        assertThat(configs.pipeline(PipelineType.JDBC_LOAD).flatMap(PipelineConfig::enabledNextPipeline))
                .contains("seed_hudi");
        assertThat(configs.pipeline(PipelineType.SEED_HUDI).flatMap(PipelineConfig::enabledNextPipeline))
                .contains("incremental_hudi");
        assertThat(configs.pipeline(PipelineType.INCREMENTAL_HUDI).flatMap(PipelineConfig::enabledNextPipeline))
                .contains("consumption");
        assertThat(configs.pipeline("consumption"))
                .get()
                .extracting(PipelineConfig::type)
                .isEqualTo(PipelineType.CUSTOM);
        assertThat(configs.customSteps("consumption"))
                .singleElement()
                .extracting(step -> step.entrypoint().className())
                .isEqualTo("dev.lakepipe.steps.gold.DenormalizeOrderLine");
    }

    @Test
    void unknownTableIsNamedWithTheIdentifier() {
        var configs = ConfigReader.load(TPCC);

        assertThatThrownBy(() -> configs.systemStep("public.orderline"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot find step::system::public.orderline in the configs of tpcc; add the item or check the --table argument");
        assertThatThrownBy(() -> configs.systemStep("orderline"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid table name: 'orderline'; expected <schema>.<table> in lower case, e.g. public.order_line");
    }

    @Test
    void groupingRefusesSeveralIdentifiers() {
        var items = new ArrayList<>(
                ConfigValidator.validate(ConfigReader.readItems(TPCC)).items());
        items.add(new DatabaseConfig("other", "s", "lake", "p"));

        assertThatThrownBy(() -> PipelineConfigs.of(items))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot group configs: expected the items of exactly one identifier, got [tpcc, other]");
    }
}
