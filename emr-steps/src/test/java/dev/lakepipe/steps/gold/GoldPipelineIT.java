package dev.lakepipe.steps.gold;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.DmsFixture;
import dev.lakepipe.steps.apply.TableApplier;
import dev.lakepipe.steps.catalog.CatalogViews;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.spark.StepSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold pipeline on a small TPC-C-shaped lake (2 warehouses × 2 districts, 10 orders of 4 lines each): silver tables seeded as
 * seed_hudi leaves them, DMS change files applied by the CDC apply, then {@link DenormalizeOrderLine} after each round:
 * first a full build, then incremental runs that read only the changed rows, and at the end the incremental gold
 * table equals a rebuild from scratch, row for row.
 */
class GoldPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("public.warehouse", "public.district", "public.customer", "public.orders",
            "public.order_line", "public.item");
    private static final DataType INT = DataTypes.IntegerType;
    private static final DataType TEXT = DataTypes.StringType;
    private static final DataType TIME = DataTypes.TimestampType;
    private static final Map<String, StructType> SCHEMAS = Map.of(
            "public.warehouse", schema("w_id", INT, "w_name", TEXT, "w_city", TEXT, "w_state", TEXT, "w_tax", decimal(4, 4),
                    "w_ytd", decimal(12, 2)),
            "public.district", schema("d_w_id", INT, "d_id", INT, "d_name", TEXT, "d_city", TEXT, "d_state", TEXT, "d_tax", decimal(4, 4),
                    "d_ytd", decimal(12, 2)),
            "public.customer", schema("c_w_id", INT, "c_d_id", INT, "c_id", INT, "c_first", TEXT, "c_middle", TEXT, "c_last", TEXT,
                    "c_credit", TEXT, "c_discount", decimal(4, 4), "c_city", TEXT, "c_state", TEXT, "c_balance", decimal(12, 2)),
            "public.orders", schema("o_w_id", INT, "o_d_id", INT, "o_id", INT, "o_c_id", INT, "o_entry_d", TIME, "o_carrier_id", INT,
                    "o_ol_cnt", INT, "o_all_local", INT),
            "public.order_line", schema("ol_w_id", INT, "ol_d_id", INT, "ol_o_id", INT, "ol_number", INT, "ol_i_id", INT,
                    "ol_supply_w_id", INT, "ol_delivery_d", TIME, "ol_quantity", INT, "ol_amount", decimal(6, 2), "ol_dist_info", TEXT),
            "public.item", schema("i_id", INT, "i_name", TEXT, "i_price", decimal(5, 2), "i_im_id", INT));
    private static final Timestamp T0 = Timestamp.valueOf("2026-11-23 11:00:00");
    private static final long FULL_LOAD_SEQ = 100;

    @TempDir
    Path home;

    private SparkSession spark;
    private StepConfigs configs;
    private String snapshot;
    private final Map<String, DmsFixture> dms = new LinkedHashMap<>();
    private int file;

    @Test
    void incrementalGoldFollowsSilverChangesAndEqualsARebuild() throws Exception {
        spark = StepSpark.session("gold-it");
        snapshot = snapshot();
        configs = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration());
        seedSilver();

        var first = DenormalizeOrderLine.run("--config", snapshot);
        assertThat(first.mode()).isEqualTo(GoldRun.Mode.FULL);
        assertThat(first.reason()).isEqualTo("first run");
        assertThat(first.recomputedRows()).isEqualTo(160);
        assertThat(gold().count()).isEqualTo(160);

        // Payments (running totals gold does not copy: nothing to recompute), a new order (w1 d1 o11, 2 lines) and the
        // delivery of order w1 d1 o1 (carrier on the order, date on its 4 lines).
        apply("public.district", change("U", 201, 1, 1, "d-1-1", "city", "NY", tax("0.1000"), amount("999.00")));
        apply("public.warehouse", change("U", 202, 1, "w-1", "city", "NY", tax("0.0500"), amount("999.00")));
        apply("public.customer", change("U", 203, 1, 1, 1, "first-1", "OE", "last-1-1-1", "GC", tax("0.0100"), "city", "NY", amount("50.00")));
        apply("public.orders", order("I", 301, 1, 1, 11, 1, null), order("U", 302, 1, 1, 1, 1, 7));
        apply("public.order_line", line("I", 303, 1, 1, 11, 1, 3, null), line("I", 304, 1, 1, 11, 2, 4, null),
                line("U", 305, 1, 1, 1, 1, 2, T0), line("U", 306, 1, 1, 1, 2, 3, T0), line("U", 307, 1, 1, 1, 3, 4, T0),
                line("U", 308, 1, 1, 1, 4, 5, T0));
        var newOrder = DenormalizeOrderLine.run("--config", snapshot);
        assertThat(newOrder.mode()).isEqualTo(GoldRun.Mode.INCREMENTAL);
        assertThat(newOrder.changedRows()).isEqualTo(11);
        assertThat(newOrder.recomputedRows()).isEqualTo(6);
        assertThat(gold().count()).isEqualTo(162);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 1 AND ol_o_id = 1 AND ol_number = 3", "o_carrier_id")).isEqualTo(7);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 1 AND ol_o_id = 11 AND ol_number = 2", "i_name")).isEqualTo("item-4");

        // A customer renamed (w1 d2 c3: orders 3 and 8), an item repriced, a district renamed, two lines and one order
        // deleted, and a line that arrives before its order (tables apply separately).
        apply("public.customer", change("U", 401, 1, 2, 3, "first-3", "OE", "renamed", "GC", tax("0.0100"), "city", "NY", amount("0.00")));
        apply("public.item", change("U", 402, 9, "item-9", amount("99.99"), 9));
        apply("public.district", change("U", 403, 2, 1, "renamed", "city", "NY", tax("0.1000"), amount("1.00")));
        apply("public.order_line", line("D", 404, 2, 1, 2, 1, 0, null), line("D", 405, 2, 1, 2, 2, 0, null), line("I", 406, 1, 2, 11, 1, 1, null));
        apply("public.orders", change("D", 407, 2, 2, 3, null, null, null, null, null));
        var changes = DenormalizeOrderLine.run("--config", snapshot);
        var renamed = gold().where("c_last = 'renamed'").count();
        var repriced = gold().where("ol_i_id = 9").count();
        assertThat(renamed).isEqualTo(8);
        assertThat(gold().where("ol_i_id = 9 AND i_price = 99.99").count()).isEqualTo(repriced).isPositive();
        assertThat(gold().where("d_name = 'renamed'").count()).isEqualTo(38);
        assertThat(gold().count()).isEqualTo(161);
        assertThat(gold().where("ol_w_id = 2 AND ol_d_id = 1 AND ol_o_id = 2").count()).isEqualTo(2);
        assertThat(gold().where("ol_w_id = 2 AND ol_d_id = 2 AND ol_o_id = 3 AND o_entry_d IS NULL AND c_last IS NULL").count()).isEqualTo(4);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 2 AND ol_o_id = 11", "o_c_id")).isNull();
        assertThat(changes.deletedRows()).isEqualTo(2);
        assertThat(changes.changedRows()).isEqualTo(4);
        assertThat(changes.recomputedRows()).isBetween(renamed + 38 + 4 + 1, renamed + 38 + 4 + 1 + repriced);

        apply("public.orders", order("I", 501, 1, 2, 11, 4, null));
        var late = DenormalizeOrderLine.run("--config", snapshot);
        assertThat(late.changedRows()).isEqualTo(1);
        assertThat(late.recomputedRows()).isEqualTo(1);
        assertThat(value("ol_w_id = 1 AND ol_d_id = 2 AND ol_o_id = 11", "c_last")).isEqualTo("last-1-2-4");

        var rebuild = DenormalizeOrderLine.run("--config", snapshot, "--table", "tpcc_rebuilt", "--full-rebuild", "true");
        assertThat(rebuild.mode()).isEqualTo(GoldRun.Mode.FULL);
        var incremental = comparable(gold());
        var rebuilt = comparable(table("tpcc_rebuilt"));
        assertThat(rebuilt.count()).isEqualTo(161);
        assertThat(incremental.exceptAll(rebuilt).count()).isZero();
        assertThat(rebuilt.exceptAll(incremental).count()).isZero();

        var views = CatalogViews.registerAll(spark, new LocalCatalog(home.resolve("catalog")));
        assertThat(views).contains("tpcc_order_line_denormalized");
        assertThat(spark.sql("SELECT count(*) FROM tpcc_order_line_denormalized").first().getLong(0)).isEqualTo(161);
    }

    private Dataset<Row> gold() {
        return table(DenormalizeOrderLine.tableName("tpcc"));
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("hudi").load(home.resolve("s3/lakepipe-gold/tpcc_lake/" + name).toUri().toString());
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

    private void apply(String qualified, Object[]... changes) {
        var table = configs.table(qualified);
        var hudi = table.hudiTable(List.of());
        var folder = home.resolve("s3/lakepipe-bronze/incremental/tpcc").resolve(qualified.replace('.', '/'));
        dms.computeIfAbsent(qualified, name -> new DmsFixture(spark, folder, SCHEMAS.get(name)))
                .write(String.format("2026/11/23/20261123-12%04d000.parquet", file++), List.of(changes));
        new TableApplier(spark, 100).applyPending(new ApplyTable(qualified, folder.toUri().toString(), hudi), () -> false);
    }

    private void seedSilver() {
        var rows = new LinkedHashMap<String, List<Object[]>>();
        TABLES.forEach(table -> rows.put(table, new ArrayList<>()));
        for (int i = 1; i <= 20; i++) {
            rows.get("public.item").add(change("I", FULL_LOAD_SEQ, i, "item-" + i, amount(i + ".50"), i));
        }
        for (int w = 1; w <= 2; w++) {
            rows.get("public.warehouse").add(change("I", FULL_LOAD_SEQ, w, "w-" + w, "city", "NY", tax("0.0500"), amount("0.00")));
            for (int d = 1; d <= 2; d++) {
                rows.get("public.district").add(change("I", FULL_LOAD_SEQ, w, d, "d-" + w + "-" + d, "city", "NY", tax("0.1000"), amount("0.00")));
                for (int c = 1; c <= 5; c++) {
                    rows.get("public.customer").add(change("I", FULL_LOAD_SEQ, w, d, c, "first-" + c, "OE", "last-" + w + "-" + d + "-" + c, "GC",
                            tax("0.0100"), "city", "NY", amount("0.00")));
                }
                for (int o = 1; o <= 10; o++) {
                    // 4 lines each; customer (o - 1) % 5 + 1, so customer 3 has orders 3 and 8
                    rows.get("public.orders").add(order("I", FULL_LOAD_SEQ, w, d, o, (o - 1) % 5 + 1, null));
                    for (int n = 1; n <= 4; n++) {
                        rows.get("public.order_line").add(line("I", FULL_LOAD_SEQ, w, d, o, n, (o + n) % 20 + 1, null));
                    }
                }
            }
        }
        rows.forEach((qualified, tableRows) -> {
            var table = configs.table(qualified);
            var folder = home.resolve("s3/lakepipe-bronze/incremental/tpcc").resolve(qualified.replace('.', '/'));
            var fixture = new DmsFixture(spark, folder, SCHEMAS.get(qualified));
            DmsFixture.seed(spark, new ApplyTable(qualified, folder.toUri().toString(), table.hudiTable(List.of())), fixture.changeSchema(), tableRows);
        });
    }

    private static Object[] order(String op, long seq, int w, int d, int o, Integer customer, Integer carrier) {
        return change(op, seq, w, d, o, customer, T0, carrier, 4, 1);
    }

    private static Object[] line(String op, long seq, int w, int d, int o, int number, int item, Timestamp delivered) {
        return change(op, seq, w, d, o, number, item, w, delivered, 5, amount(item + ".00"), "dist-info");
    }

    private String snapshot() throws Exception {
        var root = JSON.createObjectNode().put("identifier", "tpcc").put("created_at", "2026-11-23T11:00:00Z");
        var environment = root.putObject("environment");
        for (var bucket : List.of("bronze", "silver", "gold", "artifacts")) {
            environment.put(bucket, home.resolve("s3/lakepipe-" + bucket).toUri().toString());
        }
        environment.put("secrets", home.resolve("secrets.json").toUri().toString());
        environment.put("catalog", home.resolve("catalog").toUri().toString());
        var items = root.putArray("items");
        items.addObject().put("identifier", "tpcc").put("config", "database::config")
                .put("secret", "lakepipe/tpcc/spark").put("target_db_name", "tpcc_lake").put("target_table_prefix", "tpcc");
        for (JsonNode item : JSON.readTree(Path.of("..", "pipeline-configs", "tpcc.json").toFile())) {
            if (TABLES.stream().anyMatch(table -> item.path("config").asText().equals("step::system::" + table))) {
                items.add(item);
            }
        }
        var file = home.resolve("snapshot.json");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file.toUri().toString();
    }

    private static StructType schema(Object... namesAndTypes) {
        var fields = new ArrayList<org.apache.spark.sql.types.StructField>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(createStructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType decimal(int precision, int scale) {
        return DataTypes.createDecimalType(precision, scale);
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value).setScale(2);
    }

    private static BigDecimal tax(String value) {
        return new BigDecimal(value).setScale(4);
    }
}
