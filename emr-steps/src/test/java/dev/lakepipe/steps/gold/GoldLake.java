package dev.lakepipe.steps.gold;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import dev.lakepipe.deploy.StackNames;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.TestSnapshot;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.DmsFixture;
import dev.lakepipe.steps.apply.TableApplier;
import java.math.BigDecimal;
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
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A TPC-C-shaped lake for the gold step (test and bench): the six source tables of {@link DenormalizeOrderLine} as
 * silver Hudi tables seeded like seed_hudi leaves them (configs from {@code pipeline-configs/tpcc.json}), with just
 * the columns gold uses plus a running total each (d_ytd, w_ytd, c_balance), and DMS change files applied by the
 * CDC apply. Per district: 5 customers, {@code orders} orders of {@code lines} lines; order o belongs to customer
 * {@code (o - 1) % 5 + 1}; line n of order o sells item {@code (o + n) % 20 + 1} of 20.
 */
final class GoldLake {

    static final List<String> TABLES = List.of(
            "public.warehouse",
            "public.district",
            "public.customer",
            "public.orders",
            "public.order_line",
            "public.item");
    static final Timestamp T0 = Timestamp.valueOf("2026-11-23 11:00:00");
    private static final DataType INT = DataTypes.IntegerType;
    private static final DataType TEXT = DataTypes.StringType;
    private static final DataType TIME = DataTypes.TimestampType;
    private static final Map<String, StructType> SCHEMAS = Map.of(
            "public.warehouse",
                    schema(
                            "w_id",
                            INT,
                            "w_name",
                            TEXT,
                            "w_city",
                            TEXT,
                            "w_state",
                            TEXT,
                            "w_tax",
                            decimal(4, 4),
                            "w_ytd",
                            decimal(12, 2)),
            "public.district",
                    schema(
                            "d_w_id",
                            INT,
                            "d_id",
                            INT,
                            "d_name",
                            TEXT,
                            "d_city",
                            TEXT,
                            "d_state",
                            TEXT,
                            "d_tax",
                            decimal(4, 4),
                            "d_ytd",
                            decimal(12, 2)),
            "public.customer",
                    schema(
                            "c_w_id",
                            INT,
                            "c_d_id",
                            INT,
                            "c_id",
                            INT,
                            "c_first",
                            TEXT,
                            "c_middle",
                            TEXT,
                            "c_last",
                            TEXT,
                            "c_credit",
                            TEXT,
                            "c_discount",
                            decimal(4, 4),
                            "c_city",
                            TEXT,
                            "c_state",
                            TEXT,
                            "c_balance",
                            decimal(12, 2)),
            "public.orders",
                    schema(
                            "o_w_id",
                            INT,
                            "o_d_id",
                            INT,
                            "o_id",
                            INT,
                            "o_c_id",
                            INT,
                            "o_entry_d",
                            TIME,
                            "o_carrier_id",
                            INT,
                            "o_ol_cnt",
                            INT,
                            "o_all_local",
                            INT),
            "public.order_line",
                    schema(
                            "ol_w_id",
                            INT,
                            "ol_d_id",
                            INT,
                            "ol_o_id",
                            INT,
                            "ol_number",
                            INT,
                            "ol_i_id",
                            INT,
                            "ol_supply_w_id",
                            INT,
                            "ol_delivery_d",
                            TIME,
                            "ol_quantity",
                            INT,
                            "ol_amount",
                            decimal(6, 2),
                            "ol_dist_info",
                            TEXT),
            "public.item", schema("i_id", INT, "i_name", TEXT, "i_price", decimal(5, 2), "i_im_id", INT));
    private static final long FULL_LOAD_SEQ = 100;

    private final SparkSession spark;
    private final Path home;
    private final String snapshot;
    private final StepConfigs configs;
    private final Map<String, DmsFixture> dms = new LinkedHashMap<>();
    private int file;

    GoldLake(SparkSession spark, Path home) {
        this.spark = spark;
        this.home = home;
        this.snapshot = new TestSnapshot("tpcc", home)
                .database(new StackNames("tpcc").sparkSecret(), "tpcc_lake", "tpcc")
                .tpccTables(TABLES)
                .write(home.resolve("snapshot.json"));
        this.configs = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration());
    }

    String snapshot() {
        return snapshot;
    }

    /** Seeds the six silver tables: {@code warehouses} × {@code districts}, each with {@code orders} orders of {@code lines} lines. */
    void seed(int warehouses, int districts, int orders, int lines) {
        var rows = new LinkedHashMap<String, List<Object[]>>();
        TABLES.forEach(table -> rows.put(table, new ArrayList<>()));
        for (int i = 1; i <= 20; i++) {
            rows.get("public.item").add(change("I", FULL_LOAD_SEQ, i, "item-" + i, amount(i + ".50"), i));
        }
        for (int w = 1; w <= warehouses; w++) {
            rows.get("public.warehouse")
                    .add(change("I", FULL_LOAD_SEQ, w, "w-" + w, "city", "NY", tax("0.0500"), amount("0.00")));
            for (int d = 1; d <= districts; d++) {
                rows.get("public.district")
                        .add(change(
                                "I",
                                FULL_LOAD_SEQ,
                                w,
                                d,
                                "d-" + w + "-" + d,
                                "city",
                                "NY",
                                tax("0.1000"),
                                amount("0.00")));
                for (int c = 1; c <= 5; c++) {
                    rows.get("public.customer")
                            .add(change(
                                    "I",
                                    FULL_LOAD_SEQ,
                                    w,
                                    d,
                                    c,
                                    "first-" + c,
                                    "OE",
                                    "last-" + w + "-" + d + "-" + c,
                                    "GC",
                                    tax("0.0100"),
                                    "city",
                                    "NY",
                                    amount("0.00")));
                }
                for (int o = 1; o <= orders; o++) {
                    rows.get("public.orders").add(order("I", FULL_LOAD_SEQ, w, d, o, (o - 1) % 5 + 1, null));
                    for (int n = 1; n <= lines; n++) {
                        rows.get("public.order_line").add(line("I", FULL_LOAD_SEQ, w, d, o, n, (o + n) % 20 + 1, null));
                    }
                }
            }
        }
        rows.forEach((qualified, tableRows) ->
                DmsFixture.seed(spark, applyTable(qualified), fixture(qualified).changeSchema(), tableRows));
    }

    /** Writes one DMS change file for the table and applies it to silver (incremental_hudi's apply). */
    void apply(String qualified, List<Object[]> changes) {
        fixture(qualified)
                .write(String.format("2026/11/23/20261123-%09d.parquet", 120_000_000 + 1000 * file++), changes);
        new TableApplier(spark, 100).applyPending(applyTable(qualified), () -> false);
    }

    void apply(String qualified, Object[]... changes) {
        apply(qualified, List.of(changes));
    }

    Dataset<Row> gold(String name) {
        return spark.read()
                .format("hudi")
                .load(home.resolve("s3/lakepipe-gold/tpcc_lake/" + name).toUri().toString());
    }

    static Object[] order(String op, long seq, int w, int d, int o, Integer customer, Integer carrier) {
        return change(op, seq, w, d, o, customer, T0, carrier, 4, 1);
    }

    static Object[] line(String op, long seq, int w, int d, int o, int number, int item, Timestamp delivered) {
        return change(op, seq, w, d, o, number, item, w, delivered, 5, amount(item + ".00"), "dist-info");
    }

    static BigDecimal amount(String value) {
        return new BigDecimal(value).setScale(2);
    }

    static BigDecimal tax(String value) {
        return new BigDecimal(value).setScale(4);
    }

    private ApplyTable applyTable(String qualified) {
        return new ApplyTable(
                qualified,
                folder(qualified).toUri().toString(),
                configs.table(qualified).hudiTable(List.of()));
    }

    private DmsFixture fixture(String qualified) {
        return dms.computeIfAbsent(qualified, name -> new DmsFixture(spark, folder(name), SCHEMAS.get(name)));
    }

    private Path folder(String qualified) {
        return home.resolve("s3/lakepipe-bronze/incremental/tpcc").resolve(qualified.replace('.', '/'));
    }

    private static StructType schema(Object... namesAndTypes) {
        var fields = new ArrayList<StructField>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(createStructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType decimal(int precision, int scale) {
        return DataTypes.createDecimalType(precision, scale);
    }
}
