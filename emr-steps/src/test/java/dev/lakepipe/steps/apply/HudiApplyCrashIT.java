package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.steps.HudiApplyStep;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.TestSnapshot;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply step in its own JVM, killed (Runtime.halt, like kill -9) before, during and after a Hudi commit, each
 * kill followed by the next run (the last one, after the kill after the commit, a continuous step): the silver table
 * must equal the state computed from the change files with plain Spark SQL, and no file may be applied twice or skipped.
 * Also: continuous mode applies files as they arrive and stops on SIGTERM after committing, exit code 0.
 */
class HudiApplyCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Timestamp T0 = SeededOrders.T0;
    private static final String F1 = "2026/11/23/20261123-113100000.parquet";
    private static final String F2 = "2026/11/23/20261123-113200000.parquet";
    private static final String F3 = "2026/11/23/20261123-113300000.parquet";
    private static final String F4 = "2026/11/23/20261123-113400000.parquet";
    private static final String F5 = "2026/11/24/20261124-000100000.parquet";
    private static final String F6 = "2026/11/24/20261124-000200000.parquet";

    /** The seeded orders table again, as merge-on-read, compacted on schedule every delta commit (the snapshot's incremental_hudi). */
    private static final String MERGE_ON_READ_TABLE = "public.orders_mor";

    private static SparkSession spark;

    @TempDir
    Path home;

    private String snapshot;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @BeforeEach
    void writeSnapshot() throws Exception {
        // The seeded orders table's names (SeededOrders); unpartitioned, as a config with primary key o_id must be.
        var lake = new TestSnapshot("crash", home)
                .unusedSecretAndDatabase(
                        home, "shop/spark", SeededOrders.SOURCE_DATABASE, SeededOrders.HUDI_DATABASE, "lake");
        lake.table(SeededOrders.TABLE, ordersConfig("COPY_ON_WRITE"));
        lake.table(MERGE_ON_READ_TABLE, ordersConfig("MERGE_ON_READ"));
        lake.pipeline("incremental_hudi", Map.of("compaction", Map.of("mode", "scheduled", "every_delta_commits", 1)));
        lake.table(
                "public.history",
                Map.of("key_strategy", "all_columns", "is_partitioned", false, "table_type", "COPY_ON_WRITE"));
        snapshot = lake.write(home.resolve("snapshot.json"));
    }

    private static Map<String, Object> ordersConfig(String tableType) {
        return Map.of("primary_key", "o_id", "is_partitioned", false, "table_type", tableType, "watermark", "trx_seq");
    }

    @Test
    void killedBeforeDuringAndAfterTheCommitThenAContinuousRerunEqualsTheChangeFilesAndStopsOnSigterm()
            throws Exception {
        var table = seeded();
        var dms = dms(table);
        dms.write(
                F1,
                List.<Object[]>of(
                        change("U", 101, 1, 1, 10, amount("10.00"), T0),
                        change("I", 102, 5, 2, 50, amount("5.00"), T0)));
        dms.write(
                F2,
                List.<Object[]>of(
                        change("U", 103, 1, 2, 10, amount("12.00"), T0), change("D", 104, 2, null, null, null, null)));
        dms.write(
                F3,
                List.<Object[]>of(
                        change("I", 105, 6, 1, 60, amount("6.00"), T0), change("D", 106, 5, null, null, null, null)));
        var seedState = silver(table);

        runStepHaltingAt(HaltPoint.BEFORE_WRITE);
        assertThat(silver(table)).isEqualTo(seedState);
        assertThat(checkpoints().read(table.basePath())).isEmpty();

        runStepHaltingAt(HaltPoint.DURING_WRITE);
        assertThat(inflightInstants(table)).hasSize(1);
        assertThat(silver(table)).isEqualTo(seedState);
        assertThat(checkpoints().read(table.basePath())).isEmpty();
        // Failed writes are rolled back lazily (TableLock): once the killed writer's heartbeat has expired, which takes
        // two missed beats (2 minutes); aging its heartbeat file stands for that wait.
        expireHeartbeats(table);

        runStepHaltingAt(HaltPoint.AFTER_COMMIT);
        assertThat(inflightInstants(table)).isEmpty();
        assertThat(silver(table)).isEqualTo(expected(table, List.of(F1, F2, F3)));
        assertThat(checkpoints().read(table.basePath()).orElseThrow().lastFile())
                .isEqualTo(F3);

        dms.write(
                F4,
                List.<Object[]>of(
                        change("U", 102, 1, 1, 10, amount("99.00"), T0),
                        change("U", 107, 3, 2, 30, amount("3.50"), T0)));
        dms.write(F5, List.<Object[]>of(change("I", 108, 2, 1, 20, amount("2.20"), T0)));

        // The rerun after the kill after the commit, as a continuous step (its SIGTERM case too): its first cycle must
        // find F1 to F3 committed and apply F4 and F5 only.
        var status = home.resolve("s3/lakepipe-logs/cdc/crash/public.orders.json");
        var step = startContinuousStep();
        try {
            awaitAppliedFiles(status, 5, step);
            assertThat(silver(table))
                    .isEqualTo(expected(table, List.of(F1, F2, F3, F4, F5)))
                    .contains("1:2:12.00", "2:1:2.20", "3:2:3.50", "6:1:6.00");
            var checkpoint = checkpoints().read(table.basePath()).orElseThrow();
            assertThat(checkpoint.files()).containsExactly(F4, F5);
            assertThat(checkpoint.appliedFilesTotal()).isEqualTo(5);
            assertThat(inflightInstants(table)).isEmpty();

            // Continuous mode applies a file that arrives while it runs, and stops gracefully on SIGTERM after
            // committing.
            dms.write(
                    F6,
                    List.<Object[]>of(
                            change("D", 109, 2, null, null, null, null),
                            change("I", 110, 7, 1, 70, amount("7.00"), T0)));
            awaitAppliedFiles(status, 6, step);
        } finally {
            step.terminate();
        }

        assertThat(step.await(60)).as(step.output()).isEqualTo(0);
        assertThat(silver(table)).isEqualTo(expected(table, List.of(F1, F2, F3, F4, F5, F6)));
        var last = JSON.readTree(status.toFile());
        assertThat(last.path("state").asText()).isEqualTo("stopped");
        assertThat(last.path("pending_files").asInt()).isEqualTo(0);
        assertThat(last.path("newest_applied_commit_time").asText()).isEqualTo("2026-11-23T11:31:50Z");
        assertThat(last.path("lag_seconds").asDouble()).isGreaterThan(0);
        assertThat(inflightInstants(table)).isEmpty();
    }

    /**
     * The merge-on-read table, compacting on schedule after every delta commit: killed during a delta commit (nothing
     * applied), then during the compaction its next delta commit planned (the delta commit, with its checkpoint,
     * committed; the compaction's files written, its instant inflight). The rerun, in the test JVM, applies the next
     * file, rolls the inflight compaction back and runs it again: the table equals the change files, each applied once.
     */
    @Test
    void mergeOnReadKilledDuringADeltaCommitAndDuringACompactionThenRerunEqualsTheChangeFiles() throws Exception {
        var table = seeded(MERGE_ON_READ_TABLE);
        var dms = dms(table);
        dms.write(
                F1,
                List.<Object[]>of(
                        change("U", 101, 1, 1, 10, amount("10.00"), T0), change("D", 102, 2, null, null, null, null)));
        var seedState = silver(table);

        runStepHaltingAt(HaltPoint.DURING_WRITE, MERGE_ON_READ_TABLE);
        assertThat(inflightInstants(table)).hasSize(1);
        assertThat(silver(table)).isEqualTo(seedState);
        assertThat(checkpoints().read(table.basePath())).isEmpty();
        expireHeartbeats(table);

        runStepHaltingAt(HaltPoint.DURING_COMPACTION, MERGE_ON_READ_TABLE);
        assertThat(silver(table)).isEqualTo(expected(table, List.of(F1)));
        assertThat(checkpoints().read(table.basePath()).orElseThrow().lastFile())
                .isEqualTo(F1);
        assertThat(metaClient(table)
                        .getActiveTimeline()
                        .filterPendingCompactionTimeline()
                        .filterInflights()
                        .countInstants())
                .as("the killed compaction")
                .isEqualTo(1);

        dms.write(F2, List.<Object[]>of(change("I", 103, 5, 2, 50, amount("5.00"), T0)));
        var sizing = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration())
                .fileSizing(PipelineType.INCREMENTAL_HUDI);
        new TableApplier(spark, 200, sizing).applyPending(table, () -> false);

        assertThat(silver(table)).isEqualTo(expected(table, List.of(F1, F2)));
        var checkpoint = checkpoints().read(table.basePath()).orElseThrow();
        assertThat(checkpoint.files()).containsExactly(F2);
        assertThat(checkpoint.appliedFilesTotal()).isEqualTo(2);
        var timeline = metaClient(table).getActiveTimeline();
        assertThat(timeline.filterPendingCompactionTimeline().countInstants()).isZero();
        assertThat(timeline.getCommitTimeline().filterCompletedInstants().countInstants())
                .as("the compaction, run again")
                .isEqualTo(1);
    }

    /**
     * The --stop-at path of the loop the step runs, in this JVM on a clock the test moves: stop-at comes only once the
     * status shows the file applied, so the loop must end on its own, after that commit, with the status "stopped".
     * (The step JVM's exit after the loop ends is the SIGTERM case's.)
     */
    @Test
    void continuousModeStopsOnItsOwnAtStopAtAfterCommittingWhatItApplied() throws Exception {
        var table = seeded();
        dms(table).write(F1, List.<Object[]>of(change("U", 101, 1, 3, 10, amount("1.10"), T0)));
        var statusDir = home.resolve("status");
        var clock = new MovableClock(Instant.parse("2026-11-23T12:00:00Z"));
        var stopAt = clock.instant().plus(Duration.ofHours(1));
        var loop = new ContinuousApplier(
                new TableApplier(spark, 10),
                Optional.of(new StatusWriter(
                        spark.sparkContext().hadoopConfiguration(),
                        statusDir.toUri().toString())),
                Optional.empty(),
                Duration.ofSeconds(1),
                clock);
        var interrupt = new StopSignal();
        var cycles = CompletableFuture.supplyAsync(() -> loop.run(table, interrupt, stopAt));
        var status = statusDir.resolve(SeededOrders.TABLE + ".json");
        try {
            awaitAppliedFiles(status, 1, () -> cycles.isDone() ? "loop ended: " + cycles : "loop running");
            clock.set(stopAt);
            assertThat(cycles.get(300, TimeUnit.SECONDS)).isPositive();
        } finally {
            interrupt.request();
        }

        assertThat(silver(table)).isEqualTo(expected(table, List.of(F1)));
        var last = JSON.readTree(status.toFile());
        assertThat(last.path("state").asText()).isEqualTo("stopped");
        assertThat(last.path("files_applied_total").asInt()).isEqualTo(1);
    }

    @Test
    void tableWithoutPrimaryKeyIsKeyedByAllColumnsAsSeeded() {
        var history = DataTypes.createStructType(List.of(
                createStructField("h_c_id", DataTypes.IntegerType, true),
                createStructField("h_date", DataTypes.TimestampType, true),
                createStructField("h_amount", DataTypes.createDecimalType(6, 2), true),
                createStructField("h_data", DataTypes.StringType, true)));
        var stepTable = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration())
                .table("public.history");
        var seededTable =
                new ApplyTable("public.history", "unused", stepTable.hudiTable(List.of(history.fieldNames())));
        var dms = new DmsFixture(spark, home.resolve("s3/lakepipe-bronze/incremental/tpcc/public/history"), history);
        DmsFixture.seed(
                spark,
                seededTable,
                dms.changeSchema(),
                List.<Object[]>of(change("I", 100, 1, T0, amount("10.00"), "payment")));

        var table = HudiApplyStep.resolve(spark, stepTable);
        dms.write(
                F1,
                List.<Object[]>of(
                        change("I", 101, 1, T0, amount("10.00"), "payment"),
                        change("I", 102, 2, T0, amount("5.00"), "payment"),
                        change("I", 103, 2, T0, amount("5.00"), "payment"),
                        change("I", 104, 2, T0, amount("5.00"), null)));
        new TableApplier(spark, 10).applyPending(table, () -> false);

        assertThat(table.recordKeys()).containsExactly("h_c_id", "h_date", "h_amount", "h_data");
        assertThat(table.changeFolder()).endsWith("/s3/lakepipe-bronze/incremental/tpcc/public/history");
        assertThat(spark.read()
                        .format("hudi")
                        .load(table.basePath())
                        .orderBy("h_c_id", "h_data")
                        .collectAsList())
                .extracting(row -> row.getAs("h_c_id") + ":" + row.getAs("h_amount") + ":" + row.getAs("h_data"))
                .containsExactly("1:10.00:payment", "2:5.00:null", "2:5.00:payment");
    }

    /** The apply step of the seeded orders table in continuous mode, until SIGTERM (its --stop-at is an hour away). */
    private ForkedStep startContinuousStep() throws Exception {
        return ForkedStep.start(
                home.resolve("logs"),
                HudiApplyStep.class.getName(),
                List.of(),
                List.of(
                        "--config",
                        snapshot,
                        "--table",
                        SeededOrders.TABLE,
                        "--mode",
                        "continuous",
                        "--min-sync-interval-seconds",
                        "1",
                        "--stop-at",
                        Instant.now().plus(Duration.ofHours(1)).toString()));
    }

    private void runStepHaltingAt(HaltPoint haltAt) throws Exception {
        runStepHaltingAt(haltAt, SeededOrders.TABLE);
    }

    private void runStepHaltingAt(HaltPoint haltAt, String table) throws Exception {
        var step = ForkedStep.start(
                home.resolve("logs"),
                HudiApplyStep.class.getName(),
                List.of(HaltPoint.PROPERTY + "=" + haltAt.propertyValue()),
                List.of("--config", snapshot, "--table", table, "--mode", "incremental"));
        // A guard against a hung step, not a speed check: a loaded 2-core machine needs minutes for one step JVM.
        var exit = step.await(600);
        if (exit != HaltPoint.EXIT_CODE) {
            throw new AssertionError(
                    "step exited with " + exit + " instead of halting at " + haltAt + ":\n" + step.output());
        }
    }

    private void awaitAppliedFiles(Path status, int files, ForkedStep step) throws Exception {
        awaitAppliedFiles(status, files, () -> {
            step.terminate();
            return "log:\n" + step.output();
        });
    }

    /** Waits for the status file to count {@code files} applied; {@code diagnosis} explains a timeout. */
    private static void awaitAppliedFiles(Path status, int files, Callable<String> diagnosis) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(status)
                    && JSON.readTree(status.toFile())
                                    .path("files_applied_total")
                                    .asInt()
                            >= files) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("continuous apply did not apply " + files + " files; " + diagnosis.call());
    }

    /** The seeded orders table where the snapshot puts it, resolved as the step resolves it. */
    private ApplyTable seeded() {
        return seeded(SeededOrders.TABLE);
    }

    /** The seeded orders rows as the snapshot's table {@code name}, in its layout. */
    private ApplyTable seeded(String name) {
        var table = HudiApplyStep.resolve(
                spark,
                StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration())
                        .table(name));
        return SeededOrders.copyTo(spark, table);
    }

    private static DmsFixture dms(ApplyTable table) {
        return SeededOrders.changes(spark, table);
    }

    /** The expected table, independently: seed rows and every change, latest trx_seq per key, deletes dropped. */
    private List<String> expected(ApplyTable table, List<String> files) {
        var folder = Path.of(URI.create(table.changeFolder()));
        var paths = files.stream().map(file -> folder.resolve(file).toString()).toArray(String[]::new);
        var columns = new String[] {"o_id", "o_w_id", "o_amount", "Op", "trx_seq"};
        var seed = spark.createDataFrame(
                SeededOrders.rows().stream().map(RowFactory::create).toList(),
                dms(table).changeSchema());
        seed.selectExpr(columns)
                .unionByName(spark.read().parquet(paths).selectExpr(columns))
                .createOrReplaceTempView("all_changes");
        return spark.sql("""
                        SELECT o_id, o_w_id, o_amount FROM (
                          SELECT *, row_number() OVER (PARTITION BY o_id ORDER BY trx_seq DESC) AS rank FROM all_changes)
                        WHERE rank = 1 AND Op <> 'D' ORDER BY o_id""").collectAsList().stream()
                .map(row -> row.get(0) + ":" + row.get(1) + ":" + row.get(2))
                .toList();
    }

    private List<String> silver(ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath()).orderBy("o_id").collectAsList().stream()
                .map(row -> row.getAs("o_id") + ":" + row.getAs("o_w_id") + ":" + row.getAs("o_amount"))
                .toList();
    }

    /** Makes every heartbeat of the table look two hours old, as the heartbeat of a writer killed that long ago does. */
    private void expireHeartbeats(ApplyTable table) throws Exception {
        var heartbeats = Path.of(URI.create(table.basePath())).resolve(".hoodie/.heartbeat");
        var aged = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        try (var files = Files.list(heartbeats)) {
            var names = new ArrayList<String>();
            for (var file : files.toList()) {
                Files.setLastModifiedTime(file, aged);
                names.add(file.getFileName().toString());
            }
            assertThat(names)
                    .as("heartbeats")
                    .contains(pendingInstantTimes(table).toArray(String[]::new));
        }
    }

    private List<String> pendingInstantTimes(ApplyTable table) {
        return metaClient(table)
                .getActiveTimeline()
                .getCommitsTimeline()
                .filterInflightsAndRequested()
                .getInstants()
                .stream()
                .map(HoodieInstant::getTimestamp)
                .toList();
    }

    /** Instants requested or inflight and never completed (a completed instant keeps its .inflight file too). */
    private List<String> inflightInstants(ApplyTable table) {
        return metaClient(table)
                .getActiveTimeline()
                .getCommitsTimeline()
                .filterInflightsAndRequested()
                .getInstants()
                .stream()
                .map(HoodieInstant::toString)
                .toList();
    }

    private static HoodieTableMetaClient metaClient(ApplyTable table) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(table.basePath())
                .build();
    }

    private static CheckpointStore checkpoints() {
        return new CheckpointStore(spark.sparkContext().hadoopConfiguration());
    }

    /** A clock that stands still until the test sets it. */
    private static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
