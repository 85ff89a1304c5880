package dev.lakepipe.steps;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against one seeded lake: {@code public.orders} of the shared TPC-C source, loaded and seeded once.
 * A case that changes data changes the source for real and writes the DMS change file of that change (corrupted or
 * not), applies, and verifies the lake equal to the source. A refused file must leave no commit and the checkpoint
 * unchanged, so the lake is as it was (it is verified equal once more after all cases); the error names the file and
 * the fix, and once the file is moved aside the table applies again.
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
        spark = StepSpark.hudiSession("test");
        snapshot = new TestLake(home).tpccTables().snapshotUri();
        JdbcLoadStep.load("--config", snapshot, "--table", ORDERS);
        SeedHudiStep.seed("--config", snapshot, "--table", ORDERS);
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        orders = HudiApplyStep.resolve(
                spark, StepConfigs.read(snapshot, hadoopConf).table(ORDERS));
        applier = new TableApplier(spark, 100);
        checkpoints = new CheckpointStore(hadoopConf);
    }

    @AfterAll
    static void lakeStillEqualsTheSource() {
        assertVerifiesEqual();
    }

    private static void assertVerifiesEqual() {
        var result = VerifyStep.verify("--config", snapshot, "--table", ORDERS).get(0);
        assertThat(result.matches())
                .as("verify %s: differing keys %s", ORDERS, result.differingKeys())
                .isTrue();
    }

    @Test
    void aPartlyNullKeyStopsTheTableNamingFileColumnAndRowsAndAppliesNothing() throws Exception {
        var where = "o_w_id = 1 AND o_d_id = 1 AND o_id BETWEEN 1 AND 12";
        TestSource.execute("UPDATE public.orders SET o_carrier_id = 9 WHERE " + where);
        var seq = nextSeq();
        var changed = changes(
                "U", where, seq, rows -> rows.withColumn("o_carrier_id", lit(9).cast(type(rows, "o_carrier_id"))));
        var bad = writeChangeFile(changed.withColumn(
                "o_id", when(col("o_id").isin(2, 5, 8), lit(null)).otherwise(col("o_id"))));
        var before = checkpoint();

        assertThatThrownBy(() -> applier.applyPending(orders, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid change file %s of public.orders: key column o_id is NULL in 3 rows; DMS never writes such rows (a source"
                                + " primary key is never NULL, trx_seq is AR_H_CHANGE_SEQ, 35 digits), so the file is corrupt. Nothing of it was"
                                + " applied and the checkpoint is unchanged: fix the file or move it out of %s (then rerun); if the key is wrong,"
                                + " fix the DMS table mapping",
                        relative(bad), orders.changeFolder());
        assertThat(checkpoint()).isEqualTo(before);
        assertThat(silverCount("o_w_id = 1 AND o_d_id = 1 AND o_id BETWEEN 1 AND 12"))
                .as("no real row deleted")
                .isEqualTo(12);

        moveAside(bad);
        writeChangeFile(changed);
        assertThat(applier.applyPending(orders, () -> false).files()).isEqualTo(1);
        assertVerifiesEqual();
    }

    /** A bad change file: how to write it into the change folder, and what the error must say about it. */
    record BadFile(String name, FileWriter writer, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface FileWriter {
        Path write() throws IOException;
    }

    static Stream<BadFile> corruptFiles() {
        var someOrders = "o_w_id = 1 AND o_d_id = 2 AND o_id BETWEEN 1 AND 5";
        return Stream.of(
                new BadFile(
                        "garbage bytes",
                        () -> writeBytes("PAR1 this is not parquet".getBytes(UTF_8)),
                        "not a readable parquet file ("),
                new BadFile("0 bytes", () -> writeBytes(new byte[0]), "not a readable parquet file (0 bytes)"),
                new BadFile(
                        "truncated footer",
                        () -> truncate(writeChangeFile(changes("U", someOrders, nextSeq(), rows -> rows)), 40),
                        "not a readable parquet file ("),
                new BadFile(
                        "missing trx_seq",
                        () -> writeChangeFile(changes("U", someOrders, nextSeq(), rows -> rows)
                                .drop("trx_seq")),
                        "column trx_seq is missing, so their changes cannot be ordered"),
                new BadFile(
                        "wrong column type",
                        () -> writeChangeFile(changes(
                                "U", someOrders, nextSeq(), rows -> rows.withColumn("o_carrier_id", lit("nine")))),
                        "column 'o_carrier_id' arrives as string"),
                new BadFile(
                        "fully NULL key",
                        () -> writeChangeFile(nulled(changes("D", someOrders, nextSeq(), rows -> rows), KEY)),
                        "key column o_id is NULL in 5 rows"),
                new BadFile(
                        "partly NULL before-image key",
                        () -> writeChangeFile(
                                nulled(changes("U", someOrders, nextSeq(), rows -> rows), List.of("BI_o_d_id"))),
                        "BI_o_d_id"),
                new BadFile(
                        "malformed trx_seq",
                        () -> writeChangeFile(changes("U", someOrders, "2026120709", rows -> rows)),
                        "trx_seq is NULL or not 35 digits in 5 rows"),
                new BadFile(
                        "unknown Op",
                        () -> writeChangeFile(changes("X", someOrders, nextSeq(), rows -> rows)),
                        "Op is not I, U or D in 5 rows"),
                new BadFile(
                        "stray non-parquet file",
                        () -> writeBytes("notes.txt", "a note".getBytes(UTF_8)),
                        "expected a DMS CDC file yyyyMMdd-HHmmssSSS.parquet (move the file out of the table folder)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void aCorruptFileStopsTheTableNamingItAndAppliesNothing(BadFile bad) throws Exception {
        var instant = checkpoints.lastCompletedInstant(orders.basePath());
        var before = checkpoint();
        var file = bad.writer().write();
        try {
            assertThatThrownBy(() -> applier.applyPending(orders, () -> false))
                    .isInstanceOf(LakepipeException.class)
                    .hasMessageContaining(bad.expected())
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("move");
            assertThat(checkpoint()).isEqualTo(before);
            assertThat(checkpoints.lastCompletedInstant(orders.basePath()))
                    .as("no commit")
                    .isEqualTo(instant);
        } finally {
            moveAside(file);
        }
        assertThat(applier.applyPending(orders, () -> false).batches()).isEmpty();
    }

    @Test
    void duplicateAndOutOfOrderSequencesApplyTheNewestChange() throws Exception {
        var where = "o_w_id = 1 AND o_d_id = 3 AND o_id BETWEEN 1 AND 4";
        TestSource.execute(
                "UPDATE public.orders SET o_carrier_id = 5 WHERE " + where,
                "UPDATE public.orders SET o_carrier_id = 6 WHERE " + where);
        var older = nextSeq();
        var newer = nextSeq();
        var five = changes(
                "U", where, older, rows -> rows.withColumn("o_carrier_id", lit(5).cast(type(rows, "o_carrier_id"))));
        var six = changes(
                "U", where, newer, rows -> rows.withColumn("o_carrier_id", lit(6).cast(type(rows, "o_carrier_id"))));
        writeChangeFile(six.union(five).union(six).union(five));

        assertThat(applier.applyPending(orders, () -> false).files()).isEqualTo(1);
        assertThat(silverCount(where + " AND o_carrier_id = 6")).isEqualTo(4);
        assertVerifiesEqual();
    }

    @Test
    void aLateFileIsAppliedAndItsOlderChangesLoseToNewerOnesADeleteIncluded() throws Exception {
        var first = "o_w_id = 1 AND o_d_id = 4 AND o_id = 1";
        var where = "o_w_id = 1 AND o_d_id = 4 AND o_id BETWEEN 2 AND 5";
        TestSource.execute(
                "INSERT INTO public.orders SELECT o_entry_d, 99999, o_w_id, o_c_id, o_d_id, o_carrier_id, o_ol_cnt, o_all_local"
                        + " FROM public.orders WHERE " + first,
                "UPDATE public.orders SET o_carrier_id = 3 WHERE " + where);
        var inserted = changes("I", first, nextSeq(), rows -> rows.withColumn("o_id", lit(99999)));
        var three = changes(
                "U",
                where,
                nextSeq(),
                rows -> rows.withColumn("o_carrier_id", lit(3).cast(type(rows, "o_carrier_id"))));
        TestSource.execute(
                "DELETE FROM public.orders WHERE o_w_id = 1 AND o_d_id = 4 AND o_id = 99999",
                "UPDATE public.orders SET o_carrier_id = 4 WHERE " + where);
        var deleted = changes("D", first, nextSeq(), rows -> rows.withColumn("o_id", lit(99999)));
        var four = changes(
                "U",
                where,
                nextSeq(),
                rows -> rows.withColumn("o_carrier_id", lit(4).cast(type(rows, "o_carrier_id"))));
        var late = writeChangeFile(inserted.unionByName(three));
        writeChangeFile(deleted.unionByName(four));
        moveAside(late);

        assertThat(applier.applyPending(orders, () -> false).files()).isEqualTo(1);
        Files.move(home.resolve("quarantine").resolve(late.getFileName()), late);
        var pending = applier.pendingFiles(orders, checkpoint());
        var rerun = applier.applyPending(orders, () -> false);

        assertThat(pending).extracting(file -> file.relativePath()).containsExactly(relative(late));
        assertThat(rerun.files())
                .as("the late file and the newer one it competes with")
                .isEqualTo(2);
        assertThat(checkpoint().orElseThrow().covers(pending.get(0))).isTrue();
        assertThat(silverCount("o_w_id = 1 AND o_d_id = 4 AND o_id = 99999"))
                .as("a late insert does not undo a newer delete")
                .isZero();
        assertThat(silverCount(where + " AND o_carrier_id = 4")).isEqualTo(4);
        assertThat(applier.applyPending(orders, () -> false).batches()).isEmpty();
        assertVerifiesEqual();
    }

    @Test
    void verifyExitCodesTellUsageAndFailureFromADifference() {
        var unknown = new ByteArrayOutputStream();
        var unreadable = new ByteArrayOutputStream();

        assertThat(VerifyStep.exitCode(
                        new String[] {"--config", snapshot, "--table", "public.nosuchtable"},
                        new PrintStream(unknown, true, UTF_8)))
                .isEqualTo(VerifyStep.USAGE)
                .isEqualTo(2);
        assertThat(unknown.toString(UTF_8))
                .startsWith("verify: Cannot find step::system::public.nosuchtable in the configs of tpcc;"
                        + " add the item or check the --table argument");
        var missing = home.resolve("nope.json").toUri().toString();
        assertThat(VerifyStep.exitCode(
                        new String[] {"--config", missing, "--table", ORDERS},
                        new PrintStream(unreadable, true, UTF_8)))
                .isEqualTo(VerifyStep.FAILED)
                .isEqualTo(3);
        assertThat(unreadable.toString(UTF_8)).startsWith("verify failed: ").contains("nope.json");
        assertThat(VerifyStep.exitCode(new String[] {"--config", snapshot, "--table", ORDERS}, System.err))
                .isEqualTo(VerifyStep.EQUAL);
    }

    private static Path writeBytes(byte[] bytes) throws IOException {
        return writeBytes(String.format("20261207-%09d.parquet", 90_000_000 + ++fileCounter), bytes);
    }

    private static Path writeBytes(String name, byte[] bytes) throws IOException {
        var file = changeFolder().resolve("2026/12/07").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static Path truncate(Path file, int bytes) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
        return file;
    }

    /** Change rows of the orders matching {@code where} as silver holds them, {@code edit}ed, with their before-image key. */
    private static Dataset<Row> changes(String op, String where, String seq, UnaryOperator<Dataset<Row>> edit) {
        var silver =
                edit.apply(spark.read().format("hudi").load(orders.basePath()).where(where));
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

    private static Dataset<Row> nulled(Dataset<Row> rows, List<String> columns) {
        var result = rows;
        for (var column : columns) {
            result = result.withColumn(column, lit(null).cast(type(rows, column)));
        }
        return result;
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
        Files.move(file, quarantine, StandardCopyOption.REPLACE_EXISTING);
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
