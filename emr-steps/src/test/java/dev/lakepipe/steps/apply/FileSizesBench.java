package dev.lakepipe.steps.apply;

import dev.lakepipe.config.FileSizing;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.describe.FileStats;
import dev.lakepipe.steps.describe.TableFacts;
import dev.lakepipe.steps.describe.TableInspector;
import dev.lakepipe.steps.hudi.HudiTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * bench/file-sizes: file count and sizes per table after N incremental runs of a TPC-C change stream (synthetic,
 * DMS-shaped, {@link TpccChangeStream}), applied by {@link TableApplier} under several {@code file_sizing} variants, each
 * on its own copy of the same seeded tables and the same changes. See docs/performance.md, "File sizes".
 *
 * <p>Arguments: {@code [--runs 50] [--transactions-per-run 20] [--warehouses 1] [--variants no-clustering,clustering]
 * [--tables order_line,new_order] [--home <dir>]}; tables: stock, order_line, new_order. Variants: {@code clustering} (lakepipe's defaults), {@code no-clustering} (the defaults without
 * clustering), {@code hudi-defaults} (no lakepipe options: Hudi 0.15's own), {@code no-small-files} (small-file handling
 * off, no clustering: each commit writes new files), {@code no-small-files+clustering}.
 */
public final class FileSizesBench {

    private static final DateTimeFormatter FILE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final String FULL_LOAD_SEQ = new ChangeSequence(Instant.parse("2026-01-01T00:00:00Z"), 1).toString();
    private static final FileSizing NO_CLUSTERING = new FileSizing(
            128, 100, 1024, new FileSizing.Clustering(false, 10, 100, 128), FileSizing.Cleaning.DEFAULTS);
    private static final FileSizing HUDI_DEFAULTS = new FileSizing(
            120, 100, 1024, new FileSizing.Clustering(false, 4, 300, 1024), FileSizing.Cleaning.DEFAULTS);
    private static final FileSizing NO_SMALL_FILES =
            new FileSizing(128, 0, 1024, new FileSizing.Clustering(false, 10, 100, 128), FileSizing.Cleaning.DEFAULTS);
    static final Map<String, FileSizing> VARIANTS = Map.of(
            "clustering", FileSizing.DEFAULTS,
            "no-clustering", NO_CLUSTERING,
            "hudi-defaults", HUDI_DEFAULTS,
            "no-small-files", NO_SMALL_FILES,
            "no-small-files+clustering",
                    new FileSizing(128, 0, 1024, FileSizing.Clustering.DEFAULTS, FileSizing.Cleaning.DEFAULTS));
    private static final Map<String, StructType> COLUMNS = Map.of(
            "stock",
            TpccChangeStream.STOCK,
            "order_line",
            TpccChangeStream.ORDER_LINE,
            "new_order",
            TpccChangeStream.NEW_ORDER);
    private static final Map<String, List<List<String>>> KEYS = Map.of(
            "stock", List.of(List.of("s_w_id", "s_i_id"), List.of("s_w_id")),
            "order_line", List.of(List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"), List.of("ol_w_id")),
            "new_order", List.of(List.of("no_w_id", "no_d_id", "no_o_id"), List.of()));

    private FileSizesBench() {}

    public static void main(String[] args) throws Exception {
        var options = CdcBench.options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "50"));
        int perRun = Integer.parseInt(options.getOrDefault("transactions-per-run", "20"));
        int warehouses = Integer.parseInt(options.getOrDefault("warehouses", "1"));
        var variants = List.of(
                options.getOrDefault("variants", "no-clustering,clustering").split(","));
        var tables =
                List.of(options.getOrDefault("tables", "order_line,new_order").split(","));
        tables.stream().filter(name -> !COLUMNS.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("Unknown table " + name + "; expected some of " + COLUMNS.keySet());
        });
        variants.stream()
                .filter(name -> !VARIANTS.containsKey(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException(
                            "Unknown variant " + name + "; expected some of " + VARIANTS.keySet());
                });
        var home = options.containsKey("home")
                ? Path.of(options.get("home"))
                : Files.createTempDirectory("file-sizes-bench");
        var spark = LocalSpark.session();
        System.out.printf(
                "bench/file-sizes: %d incremental runs of a synthetic TPC-C change stream (%d New-Order tx per run, %d warehouse(s)),"
                        + " one DMS file per table per run, Spark local[2]; same seed and changes for every variant%n",
                runs, perRun, warehouses);
        System.out.printf(
                "%-26s %-11s %6s %10s %10s %8s %10s %8s %6s %8s%n",
                "variant", "table", "files", "avg", "smallest", "storage", "stor.total", "commits", "clust", "apply s");
        for (var variant : variants) {
            run(spark, home.resolve(variant), variant, VARIANTS.get(variant), tables, runs, perRun, warehouses);
        }
        spark.stop();
    }

    private static void run(
            SparkSession spark,
            Path home,
            String variant,
            FileSizing sizing,
            List<String> names,
            int runs,
            int perRun,
            int warehouses) {
        var tables = new LinkedHashMap<String, ApplyTable>();
        var writers = new LinkedHashMap<String, DmsFixture>();
        var initial = TpccChangeStream.initialRows(warehouses, FULL_LOAD_SEQ);
        for (var name : names) {
            var target = "bench_public_" + name;
            var hudi = new HudiTable(
                    "bench",
                    target,
                    HudiTable.basePath(home.resolve("silver").toUri().toString(), "bench", target),
                    KEYS.get(name).get(0),
                    KEYS.get(name).get(1),
                    HudiTable.TableType.COPY_ON_WRITE,
                    "trx_seq",
                    Optional.empty());
            var folder = home.resolve("bronze/incremental/bench/public/" + name);
            tables.put(name, new ApplyTable("public." + name, folder.toUri().toString(), hudi));
            writers.put(name, new DmsFixture(spark, folder, COLUMNS.get(name)));
            DmsFixture.seed(spark, tables.get(name), writers.get(name).changeSchema(), initial.get(name));
        }
        var stream = new TpccChangeStream(warehouses);
        var applier = new TableApplier(spark, 200, sizing);
        var seconds = new LinkedHashMap<String, Double>();
        var start = Instant.parse("2026-11-23T12:00:00Z");
        for (int run = 0; run < runs; run++) {
            var from = start.plusSeconds(run * 60L);
            for (int i = 0; i < perRun; i++) {
                stream.transaction(from.plusMillis(i * (60_000L / perRun)));
            }
            var file = FILE.format(from.plusSeconds(60)) + ".parquet";
            write(writers.get("stock"), file, TpccChangeStream.drain(stream.stock));
            write(writers.get("order_line"), file, TpccChangeStream.drain(stream.orderLine));
            write(writers.get("new_order"), file, TpccChangeStream.drain(stream.newOrder));
            for (var name : names) {
                var started = System.nanoTime();
                applier.applyPending(tables.get(name), () -> false);
                seconds.merge(name, (System.nanoTime() - started) / 1e9, Double::sum);
            }
        }
        var inspector = new TableInspector(spark);
        for (var name : names) {
            var hudi = tables.get(name).hudi();
            var entry = CatalogEntry.of(hudi, "public." + name, tables.get(name).changeFolder(), Instant.now());
            print(
                    variant,
                    name,
                    inspector.inspect(entry, Optional.empty(), Instant.now()),
                    clusterings(spark, hudi),
                    seconds.get(name));
        }
    }

    /** Writes a table's changes of one run; a table not benched ({@code writer} null) only drops them. */
    private static void write(DmsFixture writer, String file, List<Object[]> rows) {
        if (writer != null && !rows.isEmpty()) {
            writer.write(file, rows);
        }
    }

    private static long clusterings(SparkSession spark, HudiTable hudi) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(hudi.basePath())
                .build()
                .getActiveTimeline()
                .getCompletedReplaceTimeline()
                .countInstants();
    }

    private static void print(String variant, String table, TableFacts facts, long clusterings, double seconds) {
        System.out.printf(
                "%-26s %-11s %6d %10s %10s %8d %10s %8d %6d %8.1f%n",
                variant,
                table,
                facts.latest().count(),
                FileStats.human(facts.latest().averageBytes()),
                FileStats.human(facts.latest().smallestBytes()),
                facts.onStorage().count(),
                FileStats.human(facts.onStorage().totalBytes()),
                facts.commits(),
                clusterings,
                seconds);
    }
}
