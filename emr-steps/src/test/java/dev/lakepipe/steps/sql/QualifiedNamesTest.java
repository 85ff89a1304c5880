package dev.lakepipe.steps.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualifiedNamesTest {

    private final QualifiedNames names = new QualifiedNames(
            Map.of("tpcc_lake.tpcc_public_orders", "tpcc_public_orders", "tpcc_gold.orders", "orders"));

    @Test
    void rewritesCatalogTablesNamedByDatabaseToTheirViews() {
        assertThat(names.rewrite("select count(*) from tpcc_lake.tpcc_public_orders"))
                .isEqualTo("select count(*) from `tpcc_public_orders`");
        assertThat(
                        names.rewrite(
                                "select o.o_id from `tpcc_lake`.`tpcc_public_orders` o join TPCC_GOLD . Orders g on o.o_id = g.o_id"))
                .isEqualTo("select o.o_id from `tpcc_public_orders` o join `orders` g on o.o_id = g.o_id");
        assertThat(names.rewrite("select tpcc_lake.tpcc_public_orders.o_id from tpcc_lake.tpcc_public_orders"))
                .isEqualTo("select `tpcc_public_orders`.o_id from `tpcc_public_orders`");
    }

    @Test
    void leavesEverythingElseAsWritten() {
        var untouched = """
                select 'tpcc_lake.tpcc_public_orders', "tpcc_lake.orders", '\uD83D\uDE00' -- tpcc_lake.tpcc_public_orders
                from spark_catalog.tpcc_lake.tpcc_public_orders /* tpcc_gold.orders */ join tpcc_lake.nope join tpcc_public_orders""";

        assertThat(names.rewrite(untouched)).isEqualTo(untouched);
        assertThat(names.rewrite("select '\uD83D\uDE00' from tpcc_gold.orders where x = 'a'"))
                .isEqualTo("select '\uD83D\uDE00' from `orders` where x = 'a'");
        assertThat(names.rewrite("selec tpcc_lake.")).isEqualTo("selec tpcc_lake.");
    }

    @Test
    void aliasesViewsNamedByDatabaseAndTableToTheirTableName() {
        var glue = QualifiedNames.aliased(Map.of("tpcc_lake.tpcc_public_orders", "tpcc_lake.tpcc_public_orders"));
        var named = new ArrayList<String>();

        assertThat(glue.rewrite(
                        "select tpcc_public_orders.o_id, tpcc_lake.tpcc_public_orders.o_w_id from tpcc_lake.tpcc_public_orders",
                        named::add))
                .isEqualTo(
                        "select tpcc_public_orders.o_id, `tpcc_public_orders`.o_w_id from `tpcc_lake.tpcc_public_orders` AS `tpcc_public_orders`");
        assertThat(glue.rewrite(
                        "select o.o_id from tpcc_lake.tpcc_public_orders o join tpcc_lake.tpcc_public_orders AS p on true",
                        named::add))
                .isEqualTo(
                        "select o.o_id from `tpcc_lake.tpcc_public_orders` o join `tpcc_lake.tpcc_public_orders` AS p on true");
        assertThat(named).containsOnly("tpcc_lake.tpcc_public_orders").hasSize(3);
    }
}
