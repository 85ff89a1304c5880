package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static dev.lakepipe.steps.apply.SeededOrders.T0;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often one batch reads its change files: once when their footers agree (the schema comes from the footers, the
 * validation and the upsert share one read), and a batch whose footers differ is still reconciled. Opens are counted
 * by {@link CountingFileSystem}, which the change folder is read through.
 */
class ApplyPassesIT {

    private static SparkSession spark;

    @TempDir
    Path lake;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        CountingFileSystem.register(spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void aBatchWhoseFootersAgreeReadsEachChangeFileOnce() {
        var seeded = SeededOrders.in(spark, lake);
        var dms = SeededOrders.changes(spark, seeded);
        var files = List.of(
                dms.write(
                        "2026/11/23/20261123-113100000.parquet",
                        List.<Object[]>of(
                                change("U", 101, 1, 1, 10, amount("1.50"), T0),
                                change("D", 102, 2, null, null, null, null))),
                dms.write(
                        "2026/11/23/20261123-113200000.parquet",
                        List.<Object[]>of(change("I", 103, 5, 2, 50, amount("5.00"), T0))),
                dms.write(
                        "2026/11/23/20261123-113300000.parquet",
                        List.<Object[]>of(change("U", 104, 5, 2, 50, amount("5.50"), T0))));
        var oneScan = opensOfOneScan(dms);

        var cycle = new TableApplier(spark, 100).applyPending(counted(seeded), () -> false);

        assertThat(cycle.batches()).hasSize(1);
        assertThat(silver(seeded)).containsExactly("1:1:1.50", "3:1:3.00", "4:1:4.00", "5:2:5.50");
        for (var file : files) {
            assertThat(CountingFileSystem.opens(file.toUri()))
                    .as("opens of %s: its footer once, then one scan (%s opens)", file.getFileName(), oneScan)
                    .isEqualTo(1 + oneScan);
        }
    }

    @Test
    void aBatchWhoseFootersDifferIsReconciled() {
        var seeded = SeededOrders.in(spark, lake);
        var dms = SeededOrders.changes(spark, seeded);
        dms.write(
                "2026/11/23/20261123-113100000.parquet",
                List.<Object[]>of(change("U", 101, 1, 1, 10, amount("1.50"), T0)));
        var withNote = dms.changeSchema().add(createStructField("o_note", DataTypes.StringType, true));
        dms.write("2026/11/23/20261123-113200000.parquet", withNote, List.<Object[]>of(new Object[] {
            "U", 3, 1, 30, amount("3.50"), T0, DmsFixture.seq(102), "gift"
        }));

        var cycle = new TableApplier(spark, 100).applyPending(counted(seeded), () -> false);

        assertThat(cycle.batches()).hasSize(1);
        assertThat(silver(seeded)).containsExactly("1:1:1.50:null", "2:1:2.00:null", "3:1:3.50:gift", "4:1:4.00:null");
    }

    /** How often a plain Spark scan of one change file, its schema given, opens it. */
    private int opensOfOneScan(DmsFixture dms) {
        var row = RowFactory.create(change("I", 1, 9, 1, 90, amount("9.00"), T0));
        var file = DmsFixture.write(
                lake.resolve("reference.parquet"), spark.createDataFrame(List.of(row), dms.changeSchema()));
        spark.read()
                .schema(dms.changeSchema())
                .parquet(CountingFileSystem.counted(file.toUri().toString()))
                .collectAsList();
        return CountingFileSystem.opens(file.toUri());
    }

    /** {@code table} whose change folder is read through {@link CountingFileSystem}. */
    private static ApplyTable counted(ApplyTable table) {
        return new ApplyTable(
                table.table(),
                CountingFileSystem.counted(table.changeFolder()),
                table.hudi(),
                table.transformer(),
                table.primaryKey());
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    private static List<String> silver(ApplyTable table) {
        var rows = spark.read().format("hudi").load(table.basePath());
        var hasNote = List.of(rows.columns()).contains("o_note");
        return rows.orderBy("o_id").collectAsList().stream()
                .map(row -> describe(row) + (hasNote ? ":" + row.getAs("o_note") : ""))
                .toList();
    }

    private static String describe(Row row) {
        return row.getAs("o_id") + ":" + row.getAs("o_w_id") + ":" + row.getAs("o_amount");
    }
}
