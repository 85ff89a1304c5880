package dev.lakepipe.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.apply.DmsFixture;
import dev.lakepipe.steps.apply.TableApplier;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against one seeded lake: {@code public.orders} of the shared TPC-C source, loaded and seeded once.
 * Each case changes the source for real, writes the DMS change file of that change (some cases corrupt it), applies,
 * and asserts the error names the culprit and the fix; after every case the lake verifies equal to the source.
 */
class HostileInputIT {

    private static final String ORDERS = "public.orders";
    private static final List<String> KEY = List.of("o_w_id", "o_d_id", "o_id");

    @TempDir
    static Path home;

    private static String snapshot;
    private static SparkSession spark;
    private static ApplyTable orders;
    private static TableApplier applier;
    private static CheckpointStore checkpoints;
    private static int fileCounter;
    private static long seqCounter;

    @BeforeAll
    static void seedOrders() throws IOException {
        snapshot = new TestLake(home).tpccTables().snapshotUri();
        JdbcLoadStep.load("--config", snapshot, "--table", ORDERS);
        SeedHudiStep.seed("--config", snapshot, "--table", ORDERS);
        spark = StepSpark.session("test");
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        orders = HudiApplyStep.resolve(spark, StepConfigs.read(snapshot, hadoopConf).table(ORDERS));
        applier = new TableApplier(spark, 100);
        checkpoints = new CheckpointStore(hadoopConf);
    }

    @AfterEach
    void lakeStillEqualsTheSource() {
        var result = VerifyStep.verify("--config", snapshot, "--table", ORDERS).get(0);
        assertThat(result.matches()).as("verify %s: differing keys %s", ORDERS, result.differingKeys()).isTrue();
    }

    @Test
    void aPartlyNullKeyStopsTheTableNamingFileColumnAndRowsAndAppliesNothing() throws Exception {
        var where = "o_w_id = 1 AND o_d_id = 1 AND o_id BETWEEN 1 AND 12";
        TestSource.execute("UPDATE public.orders SET o_carrier_id = 9 WHERE " + where);
        var seq = nextSeq();
        var changed = changes("U", where, seq, rows -> rows.withColumn("o_carrier_id", lit(9).cast(type(rows, "o_carrier_id"))));
        var bad = writeChangeFile(changed.withColumn("o_id", when(col("o_id").isin(2, 5, 8), lit(null)).otherwise(col("o_id"))));
        var before = checkpoint();

        assertThatThrownBy(() -> applier.applyPending(orders, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid change file %s of public.orders: key column o_id is NULL in 3 rows; a source primary key is never NULL"
                        + " and trx_seq is DMS's AR_H_CHANGE_SEQ (35 digits), so the file is corrupt. Nothing of it was applied and the"
                        + " checkpoint is unchanged: fix the file or move it out of %s (then rerun); if the key is wrong, fix the DMS"
                        + " table mapping", relative(bad), orders.changeFolder());
        assertThat(checkpoint()).isEqualTo(before);
        assertThat(silverCount("o_w_id = 1 AND o_d_id = 1 AND o_id BETWEEN 1 AND 12")).as("no real row deleted").isEqualTo(12);

        moveAside(bad);
        writeChangeFile(changed);
        assertThat(applier.applyPending(orders, () -> false).files()).isEqualTo(1);
    }

    /** Change rows of the orders matching {@code where} as silver holds them, {@code edit}ed, with their before-image key. */
    private static Dataset<Row> changes(String op, String where, String seq, UnaryOperator<Dataset<Row>> edit) {
        var silver = edit.apply(spark.read().format("hudi").load(orders.basePath()).where(where));
        var columns = new ArrayList<Column>();
        columns.add(lit(op).as("Op"));
        for (var name : silver.columns()) {
            if (!name.startsWith("_hoodie") && !name.equals("trx_seq") && !name.equals("Op")) {
                columns.add(col(name));
            }
        }
        columns.add(lit(seq).as("trx_seq"));
        KEY.forEach(key -> columns.add(col(key).as("BI_" + key)));
        return silver.select(columns.toArray(Column[]::new));
    }

    private static String type(Dataset<Row> rows, String column) {
        return rows.schema().apply(column).dataType().sql();
    }

    /** Writes the next change file (names in application order) into the orders' change folder. */
    private static Path writeChangeFile(Dataset<Row> rows) {
        var name = String.format("2026/12/07/20261207-%09d.parquet", 90_000_000 + ++fileCounter);
        return DmsFixture.write(changeFolder().resolve(name), rows);
    }

    private static String nextSeq() {
        return new ChangeSequence(Instant.now(), ++seqCounter).toString();
    }

    private static void moveAside(Path file) throws IOException {
        var quarantine = home.resolve("quarantine").resolve(file.getFileName());
        Files.createDirectories(quarantine.getParent());
        Files.move(file, quarantine);
    }

    private static Path changeFolder() {
        return Path.of(URI.create(orders.changeFolder()));
    }

    private static String relative(Path file) {
        return changeFolder().relativize(file).toString();
    }

    private static Optional<ApplyCheckpoint> checkpoint() {
        return checkpoints.read(orders.basePath());
    }

    private static long silverCount(String where) {
        return spark.read().format("hudi").load(orders.basePath()).where(where).count();
    }
}
