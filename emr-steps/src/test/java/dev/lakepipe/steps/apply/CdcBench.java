package dev.lakepipe.steps.apply;

import dev.lakepipe.config.FileSizing;
import dev.lakepipe.config.IndexType;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.hudi.HudiTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * bench/cdc: incremental apply throughput (changes/s per table and total) and continuous-mode freshness
 * (source commit to visible in silver, p50/p95/max) at a stated TPC-C-shaped rate. The change files are
 * synthetic but DMS-shaped ({@link TpccChangeStream}); see docs/performance.md.
 *
 * <p>Arguments: {@code [--rate <New-Order tx/s>=10] [--warehouses 2] [--backlog-seconds 120]
 * [--freshness-seconds 60 (0: none)] [--file-interval-seconds 5] [--min-sync-interval-seconds 1] [--home <dir>]
 * [--index SIMPLE|GLOBAL_SIMPLE|BLOOM|GLOBAL_BLOOM (default: by key shape)] [--group true [--step-parallelism 3]]
 * [--table-types COPY_ON_WRITE,MERGE_ON_READ] [--max-files-per-batch 200] [--compaction inline|scheduled]
 * [--compaction-every 5]}. {@code --group true} applies the backlog with step JVMs instead, per table and as one step
 * group ({@link StepGroupBench}). With two table types, one lake of each is seeded with the same rows and applies the
 * same change files, one type after the other, and the two lakes are compared afterwards.
 */
public final class CdcBench {

    private static final DateTimeFormatter FILE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final String FULL_LOAD_SEQ = new ChangeSequence(Instant.parse("2026-01-01T00:00:00Z"), 1).toString();

    private final SparkSession spark;
    /** The first table type's tables: what the continuous run and the step-group comparison apply. */
    private final Map<String, ApplyTable> tables;

    private final Map<HudiTable.TableType, Map<String, ApplyTable>> lakes = new LinkedHashMap<>();
    private final Map<String, DmsFixture> writers = new LinkedHashMap<>();
    private final Map<String, List<Instant>> commitTimesByFile = new ConcurrentHashMap<>();
    private final Optional<IndexType> index;

    private CdcBench(
            SparkSession spark,
            Path home,
            int warehouses,
            Optional<IndexType> index,
            List<HudiTable.TableType> tableTypes) {
        this.spark = spark;
        this.index = index;
        var initial = TpccChangeStream.initialRows(warehouses, FULL_LOAD_SEQ);
        for (var type : tableTypes) {
            // The first type keeps the silver bucket's usual folder; each other type gets a lake of its own.
            var silverFolder = lakes.isEmpty() ? "s3/lakepipe-silver" : "s3/lakepipe-silver-" + type;
            var silver = home.resolve(silverFolder).toUri().toString();
            var lake = new LinkedHashMap<String, ApplyTable>();
            define(
                    lake,
                    home,
                    silver,
                    type,
                    "stock",
                    TpccChangeStream.STOCK,
                    List.of("s_w_id", "s_i_id"),
                    List.of("s_w_id"));
            define(
                    lake,
                    home,
                    silver,
                    type,
                    "order_line",
                    TpccChangeStream.ORDER_LINE,
                    List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"),
                    List.of("ol_w_id"));
            define(
                    lake,
                    home,
                    silver,
                    type,
                    "new_order",
                    TpccChangeStream.NEW_ORDER,
                    List.of("no_w_id", "no_d_id", "no_o_id"),
                    List.of());
            lake.forEach((name, table) ->
                    DmsFixture.seed(spark, table, writers.get(name).changeSchema(), initial.get(name)));
            lakes.put(type, lake);
        }
        this.tables = lakes.values().iterator().next();
    }

    private void define(
            Map<String, ApplyTable> lake,
            Path home,
            String silver,
            HudiTable.TableType type,
            String name,
            StructType columns,
            List<String> keys,
            List<String> partition) {
        var hudi = new HudiTable(
                "bench",
                "bench_public_" + name,
                HudiTable.basePath(silver, "bench", "bench_public_" + name),
                keys,
                partition,
                type,
                "trx_seq",
                Optional.empty());
        hudi = index.map(hudi::withIndex).orElse(hudi);
        var folder = home.resolve("s3/lakepipe-bronze/incremental/bench/public/" + name);
        lake.put(name, new ApplyTable("public." + name, folder.toUri().toString(), hudi));
        writers.put(name, new DmsFixture(spark, folder, columns));
    }

    public static void main(String[] args) throws Exception {
        var options = options(args);
        double rate = Double.parseDouble(options.getOrDefault("rate", "10"));
        int warehouses = Integer.parseInt(options.getOrDefault("warehouses", "2"));
        int backlogSeconds = Integer.parseInt(options.getOrDefault("backlog-seconds", "120"));
        int freshnessSeconds = Integer.parseInt(options.getOrDefault("freshness-seconds", "60"));
        int fileInterval = Integer.parseInt(options.getOrDefault("file-interval-seconds", "5"));
        int minSync = Integer.parseInt(options.getOrDefault("min-sync-interval-seconds", "1"));
        var home = options.containsKey("home") ? Path.of(options.get("home")) : Files.createTempDirectory("cdc-bench");
        var index = Optional.ofNullable(options.get("index")).map(IndexType::valueOf);
        var tableTypes = Arrays.stream(
                        options.getOrDefault("table-types", "COPY_ON_WRITE").split(","))
                .map(type -> HudiTable.TableType.valueOf(type.trim()))
                .toList();
        int maxFilesPerBatch = Integer.parseInt(options.getOrDefault("max-files-per-batch", "200"));
        var sizing = sizing(options);

        var spark = LocalSpark.session();
        var bench = new CdcBench(spark, home, warehouses, index, tableTypes);
        System.out.printf(
                "bench/cdc: synthetic DMS-shaped change files, TPC-C shape: %.1f New-Order tx/s (+ Delivery every 10th), "
                        + "%d warehouses, one file per table every %d s, index %s, Spark local[2]%n",
                rate, warehouses, fileInterval, index.map(IndexType::name).orElse("by key shape"));
        bench.backlog(new TpccChangeStream(warehouses), rate, backlogSeconds, fileInterval);
        if (Boolean.parseBoolean(options.getOrDefault("group", "false"))) {
            new StepGroupBench(spark, bench.tables)
                    .compare(home, Integer.parseInt(options.getOrDefault("step-parallelism", "3")));
        } else {
            var seconds = new LinkedHashMap<HudiTable.TableType, Double>();
            for (var lake : bench.lakes.entrySet()) {
                System.out.printf(
                        "incremental apply of a %d s backlog (%d files per table, at most %d a batch), %s%s:%n",
                        backlogSeconds,
                        backlogSeconds / fileInterval,
                        maxFilesPerBatch,
                        lake.getKey(),
                        lake.getKey() == HudiTable.TableType.MERGE_ON_READ
                                ? ", compaction " + sizing.compaction().mode() + " every "
                                        + sizing.compaction().everyDeltaCommits() + " delta commits"
                                : "");
                seconds.put(lake.getKey(), applyEachTimed(spark, lake.getValue(), maxFilesPerBatch, sizing));
            }
            if (bench.lakes.size() > 1) {
                bench.compareLakes(seconds);
            }
        }
        if (freshnessSeconds > 0) {
            bench.continuous(new TpccChangeStream(warehouses), rate, freshnessSeconds, fileInterval, minSync);
        }
        spark.stop();
    }

    /** Writes a backlog of {@code seconds} of changes, a file per table every {@code fileInterval} s. */
    private void backlog(TpccChangeStream stream, double rate, int seconds, int fileInterval) {
        var start = Instant.now().minusSeconds(seconds + 60L);
        for (int file = 0; file < seconds / fileInterval; file++) {
            var fileTime = start.plusSeconds((long) (file + 1) * fileInterval);
            generate(stream, rate, start.plusSeconds((long) file * fileInterval), fileInterval);
            flush(stream, fileTime);
        }
    }

    /** One {@link TableApplier#applyPending} per table (one incremental run's work), printing changes, seconds, changes/s. */
    public static void applyEachTimed(SparkSession spark, Map<String, ApplyTable> tables) {
        applyEachTimed(spark, tables, 200, FileSizing.DEFAULTS);
    }

    /** {@link #applyEachTimed(SparkSession, Map)} in batches of {@code maxFilesPerBatch} files; returns the total seconds. */
    static double applyEachTimed(
            SparkSession spark, Map<String, ApplyTable> tables, int maxFilesPerBatch, FileSizing sizing) {
        System.out.printf("  %-18s %10s %9s %11s %8s%n", "table", "changes", "seconds", "changes/s", "commits");
        long totalChanges = 0;
        double totalSeconds = 0;
        for (var entry : tables.entrySet()) {
            var started = System.nanoTime();
            var result = new TableApplier(spark, maxFilesPerBatch, sizing).applyPending(entry.getValue(), () -> false);
            var elapsed = (System.nanoTime() - started) / 1e9;
            totalChanges += result.changes();
            totalSeconds += elapsed;
            System.out.printf(
                    "  %-18s %,10d %9.1f %,11.0f %8d%n",
                    entry.getKey(),
                    result.changes(),
                    elapsed,
                    result.changes() / elapsed,
                    result.batches().size());
        }
        System.out.printf(
                "  %-18s %,10d %9.1f %,11.0f%n", "total", totalChanges, totalSeconds, totalChanges / totalSeconds);
        return totalSeconds;
    }

    /** {@code file_sizing} with the bench's {@code --compaction} and {@code --compaction-every}. */
    private static FileSizing sizing(Map<String, String> options) {
        var defaults = FileSizing.DEFAULTS.compaction();
        return FileSizing.DEFAULTS.withCompaction(new FileSizing.Compaction(
                FileSizing.Compaction.Mode.valueOf(
                        options.getOrDefault("compaction", "inline").toUpperCase(Locale.ROOT)),
                Integer.parseInt(
                        options.getOrDefault("compaction-every", Integer.toString(defaults.everyDeltaCommits())))));
    }

    /**
     * The ratio of each table type's apply time to the first one's, and whether the lakes hold the same rows (each
     * table's source columns, compared both ways).
     */
    private void compareLakes(Map<HudiTable.TableType, Double> seconds) {
        var first = seconds.values().iterator().next();
        seconds.forEach((type, total) -> System.out.printf("  %-14s %9.1f s  %5.2fx%n", type, total, total / first));
        var reference = lakes.values().iterator().next();
        for (var lake : lakes.entrySet()) {
            for (var name : reference.keySet()) {
                var columns = writers.get(name).changeSchema().fieldNames();
                var source = Arrays.stream(columns)
                        .filter(column -> !column.equals("Op") && !column.equals("_hoodie_is_deleted"))
                        .toArray(String[]::new);
                var left = read(reference.get(name)).selectExpr(source);
                var right = read(lake.getValue().get(name)).selectExpr(source);
                var differing =
                        left.exceptAll(right).count() + right.exceptAll(left).count();
                System.out.printf(
                        "  %s %s: %,d rows, %s%n",
                        lake.getKey(),
                        name,
                        right.count(),
                        differing == 0 ? "equal to " + lakes.keySet().iterator().next() : differing + " rows differ");
            }
        }
    }

    private Dataset<Row> read(ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath());
    }

    /** Generates changes in real time, a file per table every {@code fileInterval} s, while one apply loop per table runs. */
    private void continuous(TpccChangeStream stream, double rate, int seconds, int fileInterval, int minSync)
            throws Exception {
        var latencies = new CopyOnWriteArrayList<Double>();
        var stop = new StopSignal();
        var pool = Executors.newFixedThreadPool(tables.size());
        var loops = new ArrayList<Future<?>>();
        for (var table : tables.values()) {
            loops.add(pool.submit(() -> applyLoop(table, stop, Duration.ofSeconds(minSync), latencies)));
        }
        var end = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(end)) {
            var intervalStart = Instant.now();
            while (Duration.between(intervalStart, Instant.now()).getSeconds() < fileInterval) {
                var second = Instant.now();
                generate(stream, rate, second, 1);
                Thread.sleep(Math.max(
                        0, 1000 - Duration.between(second, Instant.now()).toMillis()));
            }
            flush(stream, Instant.now());
        }
        awaitCaughtUp();
        stop.request();
        for (var loop : loops) {
            loop.get();
        }
        pool.shutdown();
        Collections.sort(latencies);
        System.out.printf(
                "continuous apply for %d s (one loop per table, min sync interval %d s): %,d changes, %.0f changes/s achieved input%n",
                seconds, minSync, latencies.size(), latencies.size() / (double) seconds);
        System.out.printf(
                "  freshness, source commit -> visible in silver: p50 %.1f s, p95 %.1f s, max %.1f s%n",
                percentile(latencies, 0.50), percentile(latencies, 0.95), latencies.get(latencies.size() - 1));
    }

    private void applyLoop(ApplyTable table, StopSignal stop, Duration minSync, List<Double> latencies) {
        var applier = new TableApplier(spark, 200);
        while (!stop.isRequested()) {
            var started = Instant.now();
            var result = applier.applyPending(table, () -> false);
            for (var batch : result.batches()) {
                for (var file : batch.checkpoint().files()) {
                    for (var commit : commitTimesByFile.getOrDefault(table.table() + "/" + file, List.of())) {
                        latencies.add(
                                Duration.between(commit, batch.committedAt()).toMillis() / 1000.0);
                    }
                }
            }
            stop.awaitFor(minSync.minus(Duration.between(started, Instant.now())));
        }
    }

    private void awaitCaughtUp() throws InterruptedException {
        var applier = new TableApplier(spark, 200);
        for (var table : tables.values()) {
            var checkpoints = new CheckpointStore(spark.sparkContext().hadoopConfiguration());
            while (!applier.pendingFiles(table, checkpoints.read(table.basePath()))
                    .isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    /** {@code rate × seconds} transactions with commit times spread evenly from {@code from}. */
    private static void generate(TpccChangeStream stream, double rate, Instant from, int seconds) {
        var count = (int) Math.round(rate * seconds);
        for (int i = 0; i < count; i++) {
            stream.transaction(from.plusNanos((long) (i * (seconds * 1e9 / count))));
        }
    }

    private void flush(TpccChangeStream stream, Instant fileTime) {
        var name = FILE.format(fileTime) + ".parquet";
        write("stock", name, TpccChangeStream.drain(stream.stock));
        write("order_line", name, TpccChangeStream.drain(stream.orderLine));
        write("new_order", name, TpccChangeStream.drain(stream.newOrder));
    }

    private void write(String table, String relativePath, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var times = rows.stream()
                .map(row -> ChangeSequence.parse((String) row[row.length - 1]).commitTime())
                .toList();
        commitTimesByFile.put(tables.get(table).table() + "/" + relativePath, times);
        writers.get(table).write(relativePath, rows);
    }

    public static double percentile(List<Double> sorted, double fraction) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    public static Map<String, String> options(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Invalid bench argument: " + args[i] + "; expected --name value");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
