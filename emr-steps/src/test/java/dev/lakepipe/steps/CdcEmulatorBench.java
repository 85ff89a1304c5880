package dev.lakepipe.steps;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.DmsColumns;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.BatchResult;
import dev.lakepipe.steps.apply.CdcBench;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.apply.TableApplier;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.TpccWorkload;
import dev.lakepipe.tpcc.WorkloadReport;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;

/**
 * bench/cdc with the real parts: embedded PostgreSQL with N TPC-C warehouses, the DMS emulator (Debezium) in its own
 * JVM as on a DMS replication instance, the TPC-C workload at a stated rate, jdbc_load + seed_hudi of the tables, then
 * <ol>
 *   <li>incremental: a backlog of {@code --backlog-seconds} of workload, captured to change files, applied per table
 *   by one {@link TableApplier#applyPending} (= one incremental_hudi run): changes/s per table and in total;</li>
 *   <li>continuous: the workload runs for {@code --freshness-seconds} while one apply loop per table runs
 *   ({@code --min-sync-interval-seconds}); freshness of a change = commit time of the Hudi instant that applied it −
 *   its source commit time (from its {@code trx_seq}): p50/p95/max.</li>
 * </ol>
 * Ends with {@code verify}: the lake must equal the source. Everything shares the machine's cores, as on a laptop.
 *
 * <p>Arguments: {@code [--rate <tx/s>=10] [--warehouses 1] [--backlog-seconds 60] [--freshness-seconds 60 (0: none)]
 * [--batch-interval-seconds 5] [--min-sync-interval-seconds 1]}; {@code -Dlakepipe.bench.emulatorClasspath} is the
 * dms-emulator classpath (bench/cdc/run sets it).
 */
public final class CdcEmulatorBench {

    private static final List<String> TABLES = List.of(
            "public.warehouse",
            "public.district",
            "public.customer",
            "public.history",
            "public.new_order",
            "public.orders",
            "public.order_line",
            "public.stock",
            "public.item");

    private final SparkSession spark;
    private final Map<String, ApplyTable> tables = new LinkedHashMap<>();

    private CdcEmulatorBench(SparkSession spark, String snapshot) {
        this.spark = spark;
        var configs = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration());
        for (var table : TABLES) {
            tables.put(table, HudiApplyStep.resolve(spark, configs.table(table)));
        }
    }

    public static void main(String[] args) throws Exception {
        var options = CdcBench.options(args);
        double rate = Double.parseDouble(options.getOrDefault("rate", "10"));
        int warehouses = Integer.parseInt(options.getOrDefault("warehouses", "1"));
        int backlogSeconds = Integer.parseInt(options.getOrDefault("backlog-seconds", "60"));
        int freshnessSeconds = Integer.parseInt(options.getOrDefault("freshness-seconds", "60"));
        int batchInterval = Integer.parseInt(options.getOrDefault("batch-interval-seconds", "5"));
        int minSync = Integer.parseInt(options.getOrDefault("min-sync-interval-seconds", "1"));
        var classpath = System.getProperty("lakepipe.bench.emulatorClasspath");
        if (classpath == null) {
            throw new IllegalArgumentException(
                    "Missing -Dlakepipe.bench.emulatorClasspath: run bench/cdc/run --source emulator");
        }
        var home = Files.createTempDirectory("cdc-emulator-bench");
        try (var source = TpccSource.builder().home(home).warehouses(warehouses).build()) {
            var snapshot = new TestLake(home, source).tpccTables().snapshotUri();
            try (var emulator = EmulatorJvm.start(home, source, classpath, Duration.ofSeconds(batchInterval))) {
                System.out.printf(
                        "bench/cdc (emulator): %d warehouse(s), TPC-C workload %.0f tx/s (2 threads), DMS emulator files every %d s, "
                                + "Spark local[*] on %d cores%n",
                        warehouses, rate, batchInterval, Runtime.getRuntime().availableProcessors());
                var spark = StepSpark.hudiSession("bench/cdc emulator");
                fullLoad(snapshot);
                var bench = new CdcEmulatorBench(spark, snapshot);
                bench.incremental(source, rate, backlogSeconds, batchInterval);
                if (freshnessSeconds > 0) {
                    bench.continuous(source, rate, freshnessSeconds, batchInterval, minSync);
                }
                var differing = VerifyStep.verify("--config", snapshot).stream()
                        .filter(result -> !result.matches())
                        .toList();
                System.out.println(
                        differing.isEmpty() ? "verify: all 9 tables equal" : "verify: DIFFERENT " + differing);
                spark.stop();
            }
        }
    }

    private static void fullLoad(String snapshot) throws Exception {
        var started = System.nanoTime();
        for (var table : TABLES) {
            JdbcLoadStep.load("--config", snapshot, "--table", table);
            SeedHudiStep.seed("--config", snapshot, "--table", table);
        }
        System.out.printf("full load (jdbc_load + seed_hudi, 9 tables): %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void incremental(TpccSource source, double rate, int seconds, int batchInterval) throws Exception {
        var workload = workload(source, rate, seconds);
        System.out.printf(
                "incremental: %d s of workload (%d transactions) captured; applying each table's backlog in one run:%n",
                seconds, workload.totalCommitted());
        Thread.sleep((batchInterval + 5) * 1000L);
        CdcBench.applyEachTimed(spark, tables);
    }

    private record AppliedBatch(ApplyTable table, BatchResult batch) {}

    private void continuous(TpccSource source, double rate, int seconds, int batchInterval, int minSync)
            throws Exception {
        var applied = new CopyOnWriteArrayList<AppliedBatch>();
        var stop = new AtomicBoolean();
        var pool = Executors.newFixedThreadPool(tables.size());
        var loops = new ArrayList<Future<?>>();
        for (var table : tables.values()) {
            loops.add(pool.submit(() -> applyLoop(table, stop, Duration.ofSeconds(minSync), applied)));
        }
        var workload = workload(source, rate, seconds);
        Thread.sleep((batchInterval + 5) * 1000L);
        awaitCaughtUp();
        stop.set(true);
        for (var loop : loops) {
            loop.get();
        }
        pool.shutdown();
        var latencies = freshness(applied);
        System.out.printf(
                "continuous: %d s of workload (%d transactions), one apply loop per table, min sync interval %d s: %,d changes%n",
                seconds, workload.totalCommitted(), minSync, latencies.size());
        System.out.printf(
                "  freshness, source commit -> visible in silver: p50 %.1f s, p95 %.1f s, max %.1f s%n",
                CdcBench.percentile(latencies, 0.50),
                CdcBench.percentile(latencies, 0.95),
                latencies.get(latencies.size() - 1));
    }

    private void applyLoop(ApplyTable table, AtomicBoolean stop, Duration minSync, List<AppliedBatch> applied) {
        var applier = new TableApplier(spark, 200);
        try {
            while (!stop.get()) {
                var started = Instant.now();
                applier.applyPending(table, () -> false)
                        .batches()
                        .forEach(batch -> applied.add(new AppliedBatch(table, batch)));
                Thread.sleep(Math.max(
                        0,
                        minSync.minus(Duration.between(started, Instant.now())).toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCaughtUp() throws InterruptedException {
        var applier = new TableApplier(spark, 200);
        var checkpoints = new CheckpointStore(spark.sparkContext().hadoopConfiguration());
        for (var table : tables.values()) {
            while (!applier.pendingFiles(table, checkpoints.read(table.basePath()))
                    .isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    /** Seconds from each applied change's source commit to the commit of the Hudi instant that applied it, sorted. */
    private List<Double> freshness(List<AppliedBatch> applied) {
        var latencies = new ArrayList<Double>();
        for (var entry : applied) {
            var folder = entry.table().changeFolder().endsWith("/")
                    ? entry.table().changeFolder()
                    : entry.table().changeFolder() + "/";
            var paths = entry.batch().checkpoint().files().stream()
                    .map(file -> folder + file)
                    .toArray(String[]::new);
            for (var row :
                    spark.read().parquet(paths).select(DmsColumns.TRX_SEQ).collectAsList()) {
                var committed = ChangeSequence.parse(row.getString(0)).commitTime();
                latencies.add(
                        Duration.between(committed, entry.batch().committedAt()).toMillis() / 1000.0);
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static WorkloadReport workload(TpccSource source, double rate, int seconds) {
        return TpccWorkload.builder()
                .rate(rate)
                .threads(2)
                .duration(Duration.ofSeconds(seconds))
                .build()
                .run(source.connector());
    }
}
