package dev.lakepipe.steps;

import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.tpcc.TpccSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/**
 * bench/full-load: at {@code --warehouses N}, per TPC-C table and in total, in one run: the time of
 * {@code COPY (SELECT * …) TO STDOUT (FORMAT binary)} (the source read limit, one stream), a plain
 * Spark JDBC → parquet copy with the table's spark_jdbc_config (baseline), jdbc_load and seed_hudi
 * (in-process, as the steps run). Prints rows/s and the ratios. With {@code --repeat K} the COPY, Spark JDBC
 * and jdbc_load runs alternate K times per table and each keeps its best time (a shared machine's noise
 * hits single runs unevenly); seed_hudi runs once.
 */
public final class FullLoadBench {

    private record Figures(String table, long rows, double copy, double sparkJdbc, double jdbcLoad, double seedHudi) {}

    private FullLoadBench() {}

    public static void main(String[] args) throws Exception {
        var warehouses = 1;
        var tables = FullLoadIT.TABLES;
        var seed = true;
        var repeat = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warehouses" -> warehouses = Integer.parseInt(args[++i]);
                case "--tables" -> tables = List.of(args[++i].split(","));
                case "--no-seed" -> seed = false;
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; usage: [--warehouses N] [--tables public.a,public.b] [--no-seed] [--repeat K]");
            }
        }
        var home = Files.createTempDirectory("lakepipe-bench-full-load");
        System.out.printf(
                "bench/full-load: %d warehouse(s), %d cores, home %s%n",
                warehouses, Runtime.getRuntime().availableProcessors(), home);
        try (var source = TpccSource.builder()
                .home(home)
                .durable(false)
                .warehouses(warehouses)
                .build()) {
            source.generation().ifPresent(report -> System.out.println("generated: " + report));
            var snapshot = new TestLake(home, source).tpccTables().snapshotUri();
            var spark = StepSpark.hudiSession("bench-full-load");
            spark.range(1000).count();
            var figures = new ArrayList<Figures>();
            for (var table : tables) {
                figures.add(measure(source, spark, snapshot, table, home, seed, repeat));
            }
            print(figures);
        }
    }

    private static Figures measure(
            TpccSource source, SparkSession spark, String snapshot, String table, Path home, boolean seed, int repeat)
            throws Exception {
        var configs = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration())
                .table(table);
        var secret = source.sparkSecret();
        var properties = new Properties();
        properties.putAll(configs.step().sparkJdbcConfig());
        properties.setProperty("user", secret.username());
        properties.setProperty("password", secret.password());
        properties.putIfAbsent("fetchsize", "10000");
        var baselinePath = home.resolve("baseline/" + table).toUri().toString();
        long[] rows = new long[1];
        double copy = Double.MAX_VALUE;
        double sparkJdbc = Double.MAX_VALUE;
        double jdbcLoad = Double.MAX_VALUE;
        for (int round = 0; round < repeat; round++) {
            copy = Math.min(copy, time(() -> copyOut(source, table)));
            sparkJdbc = Math.min(
                    sparkJdbc,
                    time(() -> spark.read()
                            .jdbc(source.jdbcUrl(), table, properties)
                            .write()
                            .mode(SaveMode.Overwrite)
                            .parquet(baselinePath)));
            jdbcLoad = Math.min(
                    jdbcLoad,
                    time(() -> rows[0] = JdbcLoadStep.load("--config", snapshot, "--table", table)
                            .rows()));
        }
        var seedHudi = seed ? time(() -> SeedHudiStep.seed("--config", snapshot, "--table", table)) : Double.NaN;
        return new Figures(table, rows[0], copy, sparkJdbc, jdbcLoad, seedHudi);
    }

    private static void copyOut(TpccSource source, String table) throws Exception {
        try (var connection = source.connect(source.sparkSecret())) {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut(
                            "COPY (SELECT * FROM " + table + ") TO STDOUT (FORMAT binary)",
                            OutputStream.nullOutputStream());
        }
    }

    private static void print(List<Figures> figures) {
        System.out.println();
        System.out.printf(
                "%-18s %9s | %12s %12s %12s %12s | %9s %9s%n",
                "table", "rows", "COPY rows/s", "JDBC rows/s", "load rows/s", "seed rows/s", "load/JDBC", "load/COPY");
        figures.forEach(FullLoadBench::printRow);
        var total = new Figures(
                "all tables",
                figures.stream().mapToLong(Figures::rows).sum(),
                figures.stream().mapToDouble(Figures::copy).sum(),
                figures.stream().mapToDouble(Figures::sparkJdbc).sum(),
                figures.stream().mapToDouble(Figures::jdbcLoad).sum(),
                figures.stream().mapToDouble(Figures::seedHudi).sum());
        printRow(total);
        System.out.println("(times in seconds: "
                + String.format(
                        "COPY %.1f, Spark JDBC %.1f, jdbc_load %.1f, seed_hudi %.1f",
                        total.copy(), total.sparkJdbc(), total.jdbcLoad(), total.seedHudi())
                + ")");
    }

    private static void printRow(Figures f) {
        System.out.printf(
                "%-18s %9d | %12.0f %12.0f %12.0f %12.0f | %8.2fx %8.2fx%n",
                f.table(),
                f.rows(),
                f.rows() / f.copy(),
                f.rows() / f.sparkJdbc(),
                f.rows() / f.jdbcLoad(),
                f.rows() / f.seedHudi(),
                f.sparkJdbc() / f.jdbcLoad(),
                f.copy() / f.jdbcLoad());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static double time(Action action) throws Exception {
        var started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1e9;
    }
}
