package dev.lakepipe.steps.gold;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static dev.lakepipe.steps.gold.GoldLake.T0;
import static dev.lakepipe.steps.gold.GoldLake.amount;
import static dev.lakepipe.steps.gold.GoldLake.line;
import static dev.lakepipe.steps.gold.GoldLake.order;
import static dev.lakepipe.steps.gold.GoldLake.tax;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.catalog.CatalogViews;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.custom.CustomSteps;
import dev.lakepipe.steps.custom.SqlStep;
import dev.lakepipe.steps.spark.StepSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold pipeline on a small TPC-C-shaped lake ({@link GoldLake}: 2 warehouses × 2 districts, 10 orders of 4 lines
 * each): silver tables seeded as seed_hudi leaves them, DMS change files applied by the CDC apply, then
 * {@link DenormalizeOrderLine} after each round: first a full build, then incremental runs that read only the
 * changed rows, and at the end the incremental gold table equals a rebuild from scratch, row for row; a
 * {@link SqlStep} then reads the gold table by its Glue name.
 */
class GoldPipelineIT {

    @TempDir
    Path home;

    private SparkSession spark;
    private GoldLake lake;

    @Test
    void incrementalGoldFollowsSilverChangesAndEqualsARebuild() throws Exception {
        spark = StepSpark.session("gold-it");
        lake = new GoldLake(spark, home);
        var snapshot = lake.snapshot();
        lake.seed(2, 2, 10, 4);

        var first = DenormalizeOrderLine.run("--config", snapshot);
        assertThat(first.mode()).isEqualTo(GoldRun.Mode.FULL);
        assertThat(first.reason()).isEqualTo("first run");
        assertThat(first.recomputedRows()).isEqualTo(160);
        assertThat(gold().count()).isEqualTo(160);

        // Payments (running totals gold does not copy: nothing to recompute), a new order (w1 d1 o11, 2 lines), the
        // delivery of order w1 d1 o1 (carrier on the order, date on its 4 lines) and a line that arrives before its
        // order
        // (w1 d2 o11: tables apply separately; its order comes in the next round).
        lake.apply("public.district", change("U", 201, 1, 1, "d-1-1", "city", "NY", tax("0.1000"), amount("999.00")));
        lake.apply("public.warehouse", change("U", 202, 1, "w-1", "city", "NY", tax("0.0500"), amount("999.00")));
        lake.apply(
                "public.customer",
                change(
                        "U",
                        203,
                        1,
                        1,
                        1,
                        "first-1",
                        "OE",
                        "last-1-1-1",
                        "GC",
                        tax("0.0100"),
                        "city",
                        "NY",
                        amount("50.00")));
        lake.apply("public.orders", order("I", 301, 1, 1, 11, 1, null), order("U", 302, 1, 1, 1, 1, 7));
        lake.apply(
                "public.order_line",
                line("I", 303, 1, 1, 11, 1, 3, null),
                line("I", 304, 1, 1, 11, 2, 4, null),
                line("U", 305, 1, 1, 1, 1, 2, T0),
                line("U", 306, 1, 1, 1, 2, 3, T0),
                line("U", 307, 1, 1, 1, 3, 4, T0),
                line("U", 308, 1, 1, 1, 4, 5, T0),
                line("I", 309, 1, 2, 11, 1, 1, null));
        var newOrder = DenormalizeOrderLine.run("--config", snapshot);
        assertThat(newOrder.mode()).isEqualTo(GoldRun.Mode.INCREMENTAL);
        assertThat(newOrder.changedRows()).isEqualTo(12);
        assertThat(newOrder.recomputedRows()).isEqualTo(7);
        assertThat(gold().count()).isEqualTo(163);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 1 AND ol_o_id = 1 AND ol_number = 3", "o_carrier_id"))
                .isEqualTo(7);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 1 AND ol_o_id = 11 AND ol_number = 2", "i_name"))
                .isEqualTo("item-4");
        assertThat(value("ol_w_id = 1 AND ol_d_id = 2 AND ol_o_id = 11", "o_c_id"))
                .isNull();

        // A customer renamed (w1 d2 c3: orders 3 and 8), an item repriced, a district renamed, two lines and one order
        // deleted, and the late order of the line of round one (w1 d2 o11, customer 4).
        lake.apply(
                "public.customer",
                change(
                        "U",
                        401,
                        1,
                        2,
                        3,
                        "first-3",
                        "OE",
                        "renamed",
                        "GC",
                        tax("0.0100"),
                        "city",
                        "NY",
                        amount("0.00")));
        lake.apply("public.item", change("U", 402, 9, "item-9", amount("99.99"), 9));
        lake.apply("public.district", change("U", 403, 2, 1, "renamed", "city", "NY", tax("0.1000"), amount("1.00")));
        lake.apply("public.order_line", line("D", 404, 2, 1, 2, 1, 0, null), line("D", 405, 2, 1, 2, 2, 0, null));
        lake.apply(
                "public.orders",
                change("D", 407, 2, 2, 3, null, null, null, null, null),
                order("I", 408, 1, 2, 11, 4, null));
        var changes = DenormalizeOrderLine.run("--config", snapshot);
        var renamed = gold().where("c_last = 'renamed'").count();
        var repriced = gold().where("ol_i_id = 9").count();
        assertThat(renamed).isEqualTo(8);
        assertThat(gold().where("ol_i_id = 9 AND i_price = 99.99").count())
                .isEqualTo(repriced)
                .isPositive();
        assertThat(gold().where("d_name = 'renamed'").count()).isEqualTo(38);
        assertThat(gold().count()).isEqualTo(161);
        assertThat(gold().where("ol_w_id = 2 AND ol_d_id = 1 AND ol_o_id = 2").count())
                .isEqualTo(2);
        assertThat(gold().where("ol_w_id = 2 AND ol_d_id = 2 AND ol_o_id = 3 AND o_entry_d IS NULL AND c_last IS NULL")
                        .count())
                .isEqualTo(4);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 2 AND ol_o_id = 11", "c_last"))
                .as("the late order's customer on its line")
                .isEqualTo("last-1-2-4");
        assertThat(changes.deletedRows()).isEqualTo(2);
        assertThat(changes.changedRows())
                .as("customer, item, district and the late order; deletes are not read")
                .isEqualTo(4);
        assertThat(changes.recomputedRows()).isBetween(renamed + 38 + 4 + 1, renamed + 38 + 4 + 1 + repriced);

        var rebuild =
                DenormalizeOrderLine.run("--config", snapshot, "--table", "tpcc_rebuilt", "--full-rebuild", "true");
        assertThat(rebuild.mode()).isEqualTo(GoldRun.Mode.FULL);
        var incremental = comparable(gold());
        var rebuilt = comparable(lake.gold("tpcc_rebuilt"));
        assertThat(rebuilt.count()).isEqualTo(161);
        assertThat(incremental.exceptAll(rebuilt).count()).isZero();
        assertThat(rebuilt.exceptAll(incremental).count()).isZero();

        var views = CatalogViews.registerAll(spark, new LocalCatalog(home.resolve("catalog")));
        assertThat(views).contains("tpcc_order_line_denormalized");
        assertThat(spark.sql("SELECT count(*) FROM tpcc_order_line_denormalized")
                        .first()
                        .getLong(0))
                .isEqualTo(161);

        // The SQL-file flavour of the extension point, over the gold table named as on EMR, <glue database>.<table>.
        var sql = Files.writeString(
                home.resolve("by_district.sql"),
                "SELECT ol_w_id, ol_d_id, d_name, count(*) AS lines FROM tpcc_lake.tpcc_order_line_denormalized GROUP BY ol_w_id, ol_d_id, d_name;");
        var exit = CustomSteps.run("sql_step", new SqlStep(), new String[] {
            "--config",
            snapshot,
            "--sql",
            sql.toUri().toString(),
            "--table",
            "tpcc_lines_by_district",
            "--record-key",
            "ol_w_id,ol_d_id",
            "--partition-by",
            "ol_w_id"
        });
        assertThat(exit).isZero();
        assertThat(lake.gold("tpcc_lines_by_district")
                        .where("ol_w_id = 2 AND ol_d_id = 1")
                        .select("d_name", "lines")
                        .first())
                .isEqualTo(RowFactory.create("renamed", 38L));
        assertThat(new LocalCatalog(home.resolve("catalog")).get("tpcc_lake", "tpcc_lines_by_district"))
                .isPresent();
    }

    private Dataset<Row> gold() {
        return lake.gold(DenormalizeOrderLine.tableName("tpcc"));
    }

    /** The source-derived columns: bookkeeping (Hudi meta columns, gold_updated_at) differs between two writes of equal rows. */
    private static Dataset<Row> comparable(Dataset<Row> rows) {
        return rows.selectExpr(DenormalizeOrderLine.table("any").columns().toArray(String[]::new));
    }

    private Object value(String where, String column) {
        var rows = gold().where(where).select(column).collectAsList();
        assertThat(rows).as(where).hasSize(1);
        return rows.get(0).get(0);
    }
}
