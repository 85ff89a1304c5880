package dev.lakepipe.steps.apply;

import dev.lakepipe.steps.HudiApplyStep;
import dev.lakepipe.steps.TestSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * bench/cdc {@code --group true}: one backlog of change files applied twice from the same starting lake, as an
 * incremental_hudi run does it: once with one apply step JVM per table ({@code --step-parallelism} at a time, as a
 * cluster's step concurrency runs them), once with one step JVM for all tables (a {@code step_group}). Both include the
 * step JVM starts; prints both wall times and their ratio, and checks that both lakes end equal.
 */
final class StepGroupBench {

    private final SparkSession spark;
    private final Map<String, ApplyTable> tables;

    StepGroupBench(SparkSession spark, Map<String, ApplyTable> tables) {
        this.spark = spark;
        this.tables = Map.copyOf(tables);
    }

    /** {@code home} holds the seeded lake and the backlog; its copy {@code <home>-grouped} gets the grouped step. */
    void compare(Path home, int stepParallelism) throws Exception {
        var grouped = Path.of(home + "-grouped");
        SeededOrders.copy(home.resolve("s3"), grouped.resolve("s3"));
        var names = tables.values().stream().map(ApplyTable::table).sorted().toList();
        var perTable = timed(() -> {
            var pool = Executors.newFixedThreadPool(stepParallelism);
            try {
                var steps = new ArrayList<Future<String>>();
                for (var name : names) {
                    steps.add(pool.submit(() -> run(home, List.of(name))));
                }
                for (var step : steps) {
                    step.get();
                }
            } finally {
                pool.shutdown();
            }
            return null;
        });
        var groupOutput = new String[1];
        var group = timed(() -> groupOutput[0] = run(grouped, names));
        System.out.printf(
                "one step JVM per table (%d at a time) vs one step JVM for the %d tables (step_group), same backlog:%n",
                stepParallelism, names.size());
        System.out.printf(
                "  per-table steps: %6.1f s%n  one group step:  %6.1f s  (%.2fx)%n", perTable, group, group / perTable);
        groupOutput[0]
                .lines()
                .filter(line -> line.startsWith("hudi_apply") || line.startsWith("  public."))
                .forEach(System.out::println);
        for (var table : tables.values()) {
            var other = Path.of(home + "-grouped").toUri().toString();
            var copyPath = table.basePath().replace(home.toUri().toString(), other.endsWith("/") ? other : other + "/");
            var left = spark.read()
                    .format("hudi")
                    .load(table.basePath())
                    .drop("_hoodie_commit_time", "_hoodie_commit_seqno", "_hoodie_file_name");
            var right = spark.read()
                    .format("hudi")
                    .load(copyPath)
                    .drop("_hoodie_commit_time", "_hoodie_commit_seqno", "_hoodie_file_name");
            if (left.exceptAll(right).count() != 0 || right.exceptAll(left).count() != 0) {
                throw new AssertionError("the per-table and the grouped apply left " + table.table() + " different");
            }
        }
        System.out.println("  both lakes equal after the apply");
    }

    /** One apply step JVM over {@code names} against the lake in {@code home}; its output. */
    private String run(Path home, List<String> names) throws Exception {
        var snapshot = snapshot(home);
        var args = new ArrayList<>(List.of("--config", snapshot, "--mode", "incremental"));
        names.forEach(name -> args.addAll(List.of("--table", name)));
        var step = ForkedStep.start(home.resolve("logs"), HudiApplyStep.class.getName(), List.of(), args);
        var exit = step.await(3600);
        if (exit != 0) {
            throw new AssertionError("apply step " + names + " exited " + exit + ":\n" + step.output());
        }
        return step.output();
    }

    private String snapshot(Path home) {
        var lake =
                new TestSnapshot("bench", home).unusedSecretAndDatabase(home, "bench/spark", "bench", "bench", "bench");
        for (var table : tables.values()) {
            var hudi = table.hudi();
            var config = new LinkedHashMap<String, Object>();
            config.put("primary_key", String.join(",", hudi.recordKeys()));
            config.put("watermark", hudi.orderingField());
            config.put("is_partitioned", !hudi.partitionFields().isEmpty());
            hudi.partitionFields().stream().findFirst().ifPresent(column -> config.put("partition_path", column));
            config.put("index_type", hudi.index().name());
            lake.table(table.table(), config);
        }
        return lake.write(home.resolve("snapshot.json"));
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        var started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }
}
