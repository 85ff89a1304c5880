package dev.lakepipe.local.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.RuntimeSnapshot;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.LocalStepRunner.StepRun;
import dev.lakepipe.tpcc.TpccSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The demo's full-load part, as phases: source (start, generate), runtime snapshot, jdbc_load and
 * seed_hudi per table (each in its own step JVM), verify, report. Later phases (CDC, the state
 * machines) are added as further methods called from {@link #run}.
 */
public final class FullLoadDemo {

    public static final String IDENTIFIER = "tpcc";
    private static final String JDBC_LOAD = "dev.lakepipe.steps.JdbcLoadStep";
    private static final String SEED_HUDI = "dev.lakepipe.steps.SeedHudiStep";
    private static final String VERIFY = "dev.lakepipe.steps.VerifyStep";
    private static final Pattern ROWS = Pattern.compile(": (\\d+) rows in");

    private final Path home;
    private final Path configs;
    private final LocalStepRunner steps;
    private final int parallelism;
    private final PrintWriter out;

    /** One table's full load in the report. */
    public record TableLoad(String table, long rows, Duration jdbcLoad, Duration seedHudi) {}

    /** What the demo did; {@code verified} is true when every table matched. */
    public record Report(List<TableLoad> tables, boolean verified, String verifyOutput, Duration total) {}

    /**
     * @param home the local state folder
     * @param configs the pipeline configs file (pipeline-configs/tpcc.json)
     * @param parallelism how many tables load at once (each step is one JVM)
     */
    public FullLoadDemo(Path home, Path configs, LocalStepRunner steps, int parallelism, PrintWriter out) {
        this.home = requireNonNull(home, "home is null").toAbsolutePath();
        this.configs = requireNonNull(configs, "configs is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.parallelism = parallelism;
        this.out = requireNonNull(out, "out is null");
    }

    public Report run(TpccSource.Builder source, int warehouses) {
        var started = System.nanoTime();
        try (var tpcc = startSource(source, warehouses)) {
            var snapshot = writeSnapshot(tpcc);
            var tables = snapshot.snapshot().configs().enabledSystemSteps().stream().map(step -> step.table().qualified()).toList();
            var loads = fullLoad(snapshot, tables);
            var verify = verify(snapshot);
            return new Report(loads, verify.succeeded(), verify.stdout(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Phase 1: the embedded PostgreSQL with the TPC-C schema and data (kept in {@code <home>/postgres}). */
    TpccSource startSource(TpccSource.Builder source, int warehouses) {
        phase("source: starting PostgreSQL, %d warehouse(s)", warehouses);
        var tpcc = source.home(home).warehouses(warehouses).build();
        tpcc.generation().ifPresent(report -> phase("source: generated %s", report));
        return tpcc;
    }

    /** A written runtime snapshot and the URI steps get in {@code --config}. */
    record Snapshot(RuntimeSnapshot snapshot, String uri) {}

    /** Phase 2: the runtime snapshot the steps read, as the launcher writes it. */
    Snapshot writeSnapshot(TpccSource tpcc) {
        var buckets = home.resolve("s3");
        var environment = new SnapshotEnvironment(uri(buckets.resolve("lakepipe-bronze")), uri(buckets.resolve("lakepipe-silver")),
                uri(buckets.resolve("lakepipe-gold")), uri(buckets.resolve("lakepipe-artifacts")),
                tpcc.secretsFile().toAbsolutePath().toUri().toString(), uri(home.resolve("catalog")));
        var snapshot = new RuntimeSnapshot(IDENTIFIER, Instant.now(), environment, items());
        var file = home.resolve("s3/lakepipe-artifacts/runtime/" + IDENTIFIER + "/demo-" + Instant.now().toEpochMilli() + ".json");
        snapshot.write(file);
        phase("snapshot: %s", file);
        return new Snapshot(snapshot, file.toUri().toString());
    }

    /** Phase 3: jdbc_load then seed_hudi for every table, {@code parallelism} tables at a time. */
    List<TableLoad> fullLoad(Snapshot snapshot, List<String> tables) {
        var uri = snapshot.uri();
        var pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            var futures = new ArrayList<Future<TableLoad>>();
            for (var table : tables) {
                futures.add(pool.submit(() -> loadTable(uri, table)));
            }
            var loads = new ArrayList<TableLoad>();
            for (var future : futures) {
                loads.add(future.get());
            }
            return loads;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LakepipeException cause ? cause : new LakepipeException(e.getCause(), "Failed to load: %s", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted during the full load");
        } finally {
            pool.shutdownNow();
        }
    }

    private TableLoad loadTable(String snapshot, String table) {
        var load = step("jdbc_load", JDBC_LOAD, table, snapshot);
        var seed = step("seed_hudi", SEED_HUDI, table, snapshot);
        var matcher = ROWS.matcher(seed.stdout());
        var rows = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        phase("%-20s %9d rows  jdbc_load %5.1f s  seed_hudi %5.1f s", table, rows, seconds(load.duration()), seconds(seed.duration()));
        return new TableLoad(table, rows, load.duration(), seed.duration());
    }

    private StepRun step(String pipeline, String mainClass, String table, String snapshot) {
        var run = steps.run(pipeline + "-" + table, mainClass, List.of("--config", snapshot, "--table", table));
        if (!run.succeeded()) {
            throw new LakepipeException("Failed to run %s for %s (exit %d); see %s", pipeline, table, run.exitCode(), run.stderr());
        }
        return run;
    }

    /** Phase 4: verify every table, source vs silver. */
    StepRun verify(Snapshot snapshot) {
        phase("verify: comparing source and silver");
        return steps.run("verify", VERIFY, List.of("--config", snapshot.uri()));
    }

    /** Prints the short report. */
    public static void print(Report report, PrintWriter out) {
        out.println();
        out.printf("%-20s %10s %12s %12s%n", "table", "rows", "jdbc_load s", "seed_hudi s");
        for (var table : report.tables()) {
            out.printf("%-20s %10d %12.1f %12.1f%n", table.table(), table.rows(), seconds(table.jdbcLoad()), seconds(table.seedHudi()));
        }
        out.printf("%-20s %10d%n", "total", report.tables().stream().mapToLong(TableLoad::rows).sum());
        out.println();
        out.print(report.verifyOutput());
        out.printf("demo: %s in %.0f s%n", report.verified() ? "lake equals source" : "LAKE DIFFERS FROM SOURCE", seconds(report.total()));
        out.flush();
    }

    private List<JsonNode> items() {
        try {
            var items = new ArrayList<JsonNode>();
            new ObjectMapper().readTree(configs.toFile()).forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read pipeline configs %s", configs);
        }
    }

    private void phase(String format, Object... args) {
        out.printf("[demo] " + format + "%n", args);
        out.flush();
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().toUri().toString().replaceFirst("/$", "");
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
