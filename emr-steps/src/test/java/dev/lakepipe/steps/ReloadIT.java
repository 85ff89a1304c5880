package dev.lakepipe.steps;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.apply.TableApplier;
import dev.lakepipe.steps.hudi.HudiWriteOptions;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.verify.LiveVerification;
import dev.lakepipe.tpcc.TpccWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hudi.common.model.HoodieRecord;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online reload of one table (docs/operations.md, "Reloading one table") with every real part: the DMS emulator
 * captures {@code public.orders} while a TPC-C workload runs; the table is loaded and seeded, then reloaded (jdbc_load,
 * seed_hudi) while the workload and a reader go on. Between the reload's snapshot and its commit the apply
 * commits changes from after the snapshot, which the reload's commit then replaces: the apply must read them again
 * (the reload rewinds its checkpoint), or the lake loses them. {@code public.orders} only grows at the source (New-Order
 * inserts, Delivery updates), so a reader must never count fewer rows than before the reload: an empty or half-written
 * table would show fewer. At the end the lake must equal the source. Before the reload, while the workload and an apply
 * run, a delivered order is changed in the lake behind the pipeline's back: {@code verify --live} must report that key,
 * and only it, as a persistent difference (docs/operations.md, "Verify while the source is live"); the reload repairs
 * it.
 */
class ReloadIT {

    private static final String TABLE = "public.orders";
    private static final Duration BATCH_INTERVAL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path home;

    @Test
    void reloadUnderLoadReplacesTheTableInOneCommitAndLosesNoChange() throws Exception {
        var source = TestSource.source();
        var snapshot = new TestLake(home).tpccTables().snapshotUri();
        var stopWorkload = new AtomicBoolean();
        try (var emulator = EmulatorJvm.start(home, source, EmulatorJvm.classpath(), BATCH_INTERVAL)) {
            var spark = StepSpark.hudiSession("ReloadIT");
            var table = HudiApplyStep.resolve(
                    spark,
                    StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration())
                            .table(TABLE));
            JdbcLoadStep.load("--config", snapshot, "--table", TABLE);
            SeedHudiStep.seed("--config", snapshot, "--table", TABLE);
            var committed = new AtomicLong();
            var workload = CompletableFuture.runAsync(() -> {
                while (!stopWorkload.get()) {
                    committed.addAndGet(TpccWorkload.builder()
                            .rate(10)
                            .threads(2)
                            .duration(Duration.ofSeconds(2))
                            .build()
                            .run(source.connector())
                            .totalCommitted());
                }
            });
            var applier = new TableApplier(spark, Integer.MAX_VALUE);

            // Live verify while the workload runs and an apply follows it: the planted row is the one difference that
            // persists; the reload below repairs it, and the final verify shows the table equal.
            var planted = plantDifference(spark, table);
            var applying = new AtomicBoolean(true);
            var applyLoop = CompletableFuture.runAsync(() -> applyUntilStopped(applier, table, emulator, applying));
            List<LiveVerification> live;
            try {
                live = VerifyStep.verifyLive(
                        "--config", snapshot, "--table", TABLE, "--mode", "live", "--catch-up-wait", "120");
            } finally {
                applying.set(false);
            }
            applyLoop.get();

            var before = count(spark, table);

            var reader = new Reader(spark, table.basePath());
            var polling = CompletableFuture.runAsync(reader);
            var load = JdbcLoadStep.load("--config", snapshot, "--table", TABLE);
            // A change a second after the snapshot's handoff is in a file: the apply commits changes above it.
            emulator.awaitPublished(
                    TABLE, ChangeSequence.parse(load.trxSeq()).commitTime().plusSeconds(1), WAIT);
            applier.applyPending(table, () -> false);
            var appliedPastSnapshot = new CheckpointStore(spark.sparkContext().hadoopConfiguration())
                    .read(table.basePath())
                    .flatMap(ApplyCheckpoint::newestChangeSeq)
                    .orElseThrow();
            var instantsBefore = completedInstants(spark, table);
            var seed = SeedHudiStep.seed("--config", snapshot, "--table", TABLE);
            var instantsAfter = completedInstants(spark, table);
            reader.awaitPollsAfter(Instant.now(), 2);

            stopWorkload.set(true);
            workload.get();
            var marker = touchOneOrder();
            emulator.awaitDrained(TABLE, marker, WAIT);
            applier.applyPending(table, () -> false);
            reader.stop();
            polling.get();
            var verified = VerifyStep.verify("--config", snapshot, "--table", TABLE);

            assertThat(committed.get()).as("TPC-C transactions during the test").isPositive();
            assertThat(live).singleElement().satisfies(result -> {
                assertThat(result.persistent())
                        .as("the one difference that persists, not the rows in flight: %s", result)
                        .containsExactly(planted);
                assertThat(result.keysRechecked())
                        .as("keys re-checked: the planted one and rows in flight while the workload ran")
                        .isGreaterThan(1);
                assertThat(result.keysCompared())
                        .isGreaterThanOrEqualTo(result.compared().source().rows());
            });
            assertThat(appliedPastSnapshot)
                    .as("the apply committed changes from after the reload's snapshot before the reload's commit")
                    .isGreaterThan(load.trxSeq());
            assertThat(seed.reload()).isTrue();
            assertThat(seed.rows())
                    .as("the reload's rows: the source at its snapshot")
                    .isEqualTo(load.rows());
            assertThat(instantsAfter.subList(0, instantsBefore.size())).isEqualTo(instantsBefore);
            assertThat(instantsAfter.subList(instantsBefore.size(), instantsAfter.size()))
                    .as("the reload is one replace commit")
                    .extracting(HoodieInstant::getAction)
                    .containsExactly("replacecommit");
            assertThat(reader.failures()).as("reads during the reload").isEmpty();
            assertThat(reader.counts())
                    .as(
                            "every count a reader saw during the reload, before it: %d, source at the snapshot: %d",
                            before, load.rows())
                    .hasSizeGreaterThan(2)
                    .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(before));
            assertThat(reader.counts().get(reader.counts().size() - 1)).isGreaterThanOrEqualTo(load.rows());
            assertThat(verified)
                    .singleElement()
                    .satisfies(result ->
                            assertThat(result.matches()).as("%s", result).isTrue());
        } finally {
            stopWorkload.set(true);
            dropSlot();
        }
    }

    /**
     * Changes a delivered order (one the workload never writes again) in the silver table behind the pipeline's back,
     * as a lost change or a bad write would; returns its key as verify names it.
     */
    private static String plantDifference(SparkSession spark, ApplyTable table) {
        var key = Map.of("o_w_id", "1", "o_d_id", "1", "o_id", "2");
        var rows = spark.read()
                .format("hudi")
                .load(table.basePath())
                .where("o_w_id = 1 AND o_d_id = 1 AND o_id = 2")
                .drop(HoodieRecord.HOODIE_META_COLUMNS.toArray(String[]::new));
        var type = rows.schema().apply("o_ol_cnt").dataType();
        rows.withColumn("o_ol_cnt", col("o_ol_cnt").plus(100).cast(type))
                .write()
                .format("hudi")
                .options(HudiWriteOptions.of(table.hudi()).upsert(1))
                .mode(SaveMode.Append)
                .save(table.basePath());
        return table.hudi().recordKeys().stream().map(key::get).collect(Collectors.joining(","));
    }

    /** The apply following the emulator: applies what is pending, then waits for the next published change. */
    private static void applyUntilStopped(
            TableApplier applier, ApplyTable table, EmulatorJvm emulator, AtomicBoolean applying) {
        try {
            while (applying.get()) {
                applier.applyPending(table, () -> !applying.get());
                emulator.awaitPublished(TABLE, Instant.now(), WAIT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(SparkSession spark, ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath()).count();
    }

    private static List<HoodieInstant> completedInstants(SparkSession spark, ApplyTable table) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(table.basePath())
                .build()
                .getActiveTimeline()
                .getCommitsTimeline()
                .filterCompletedInstants()
                .getInstants();
    }

    /** A last change of the table after the workload: once it is published, every earlier change is too. */
    private static Instant touchOneOrder() throws SQLException {
        try (var connection = TestSource.admin();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(
                    "UPDATE public.orders SET o_ol_cnt = o_ol_cnt WHERE o_id = 1 AND o_d_id = 1 AND o_w_id = 1");
            var xid = statement.executeQuery("SELECT pg_current_xact_id()::text");
            xid.next();
            var id = xid.getString(1);
            connection.commit();
            var time = statement.executeQuery("SELECT pg_xact_commit_timestamp('" + id + "'::xid)");
            time.next();
            // The emulator reports commit times in milliseconds, as Debezium delivers them.
            return time.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MILLIS);
        }
    }

    private static void dropSlot() throws SQLException {
        TestSource.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
    }

    /** Counts the silver table's rows again and again, as a query engine would, until stopped. */
    private static final class Reader implements Runnable {
        /** Between two counts, so that the reader leaves the reload most of the machine's two cores. */
        private static final Duration PAUSE = Duration.ofMillis(300);

        private final SparkSession spark;
        private final String basePath;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Long> counts = new CopyOnWriteArrayList<>();
        private final List<Instant> polled = new CopyOnWriteArrayList<>();
        private final List<Exception> failures = new CopyOnWriteArrayList<>();

        Reader(SparkSession spark, String basePath) {
            this.spark = spark;
            this.basePath = basePath;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                var started = Instant.now();
                try {
                    counts.add(spark.read().format("hudi").load(basePath).count());
                    polled.add(started);
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }

        /** Waits until {@code polls} reads started after {@code time} have finished. */
        void awaitPollsAfter(Instant time, int polls) throws InterruptedException {
            var deadline = Instant.now().plus(WAIT);
            while (polled.stream().filter(started -> started.isAfter(time)).count() < polls) {
                if (Instant.now().isAfter(deadline) || !failures.isEmpty()) {
                    return;
                }
                Thread.sleep(50);
            }
        }

        void stop() {
            stop.set(true);
        }

        List<Long> counts() {
            return counts;
        }

        List<Exception> failures() {
            return failures;
        }
    }
}
