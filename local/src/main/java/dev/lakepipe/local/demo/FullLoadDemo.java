package dev.lakepipe.local.demo;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.PipelineType;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.LocalStepRunner.StepRun;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.WorkloadReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's full-load part, as phases: source (start, generate); configs into the config table and
 * the launcher starting jdbc_load, which the state machine chains to seed_hudi, incremental_hudi and the
 * consumption (gold) pipeline ({@link OrchestratedLoad}, one step JVM per table); with CDC, the launcher starting
 * incremental_hudi once more after the capture (chained to consumption, an incremental gold run); verify; report.
 * Every step command comes from the planner.
 */
public final class FullLoadDemo {

    public static final String IDENTIFIER = "tpcc";
    /** The gold pipeline of tpcc.json, chained after incremental_hudi. */
    private static final String GOLD_PIPELINE = "consumption";

    private final Path home;
    private final LocalStepRunner steps;
    private final OrchestratedLoad load;
    private final PrintWriter out;
    private Optional<CdcSettings> cdc = Optional.empty();

    /** One table's full load in the report. */
    public record TableLoad(String table, long rows, Duration jdbcLoad, Duration seedHudi) {}

    /**
     * What the demo did; {@code verified} is true when every table matched; {@code workload} is the TPC-C workload
     * that ran during the load when the CDC phase was on; {@code goldOutput} is the report of the consumption step
     * chained after the CDC apply (empty without CDC: the load chain's consumption run built gold).
     */
    public record Report(
            List<TableLoad> tables,
            Optional<WorkloadReport> workload,
            boolean verified,
            String verifyOutput,
            String goldOutput,
            Duration total) {}

    /**
     * @param home the local state folder
     * @param steps runs the verify step (the planner's {@code StepPlanner.verifyStep})
     * @param load the load phases: launcher and state machine (jdbc_load → seed_hudi → incremental_hudi)
     */
    public FullLoadDemo(Path home, LocalStepRunner steps, OrchestratedLoad load, PrintWriter out) {
        this.home = requireNonNull(home, "home is null").toAbsolutePath();
        this.steps = requireNonNull(steps, "steps is null");
        this.load = requireNonNull(load, "load is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * The CDC phase: a TPC-C workload at {@code rate} tx/s for {@code duration} during the load, captured, then the
     * incremental_hudi pipeline through the launcher and the state machine.
     */
    public FullLoadDemo withCdc(double rate, Duration duration) {
        this.cdc = Optional.of(new CdcSettings(rate, duration));
        return this;
    }

    private record CdcSettings(double rate, Duration duration) {}

    public Report run(TpccSource.Builder source, int warehouses) {
        var started = System.nanoTime();
        try (var tpcc = startSource(source, warehouses)) {
            var capture =
                    cdc.map(settings -> CdcDemoPhase.start(home, tpcc, settings.rate(), settings.duration(), out));
            try {
                // Phases 2 and 3: configs into the config table, then launcher → state machine, as on AWS.
                var loaded = load.run(IDENTIFIER);
                var workload = capture.map(CdcDemoPhase::finishCapture);
                // Phase 4: the captured changes, applied as on AWS: launcher → incremental_hudi → next_pipeline
                // consumption.
                var applied = workload.map(report -> load.run(IDENTIFIER, PipelineType.INCREMENTAL_HUDI.configName()));
                var verify = verify(applied.orElse(loaded).snapshotUri());
                return new Report(
                        loaded.tables(),
                        workload,
                        verify.succeeded(),
                        verify.stdout(),
                        applied.map(result -> result.stdoutOf(GOLD_PIPELINE)).orElse(""),
                        Duration.ofNanos(System.nanoTime() - started));
            } finally {
                capture.ifPresent(CdcDemoPhase::close);
            }
        }
    }

    /** Phase 1: the embedded PostgreSQL with the TPC-C schema and data (kept in {@code <home>/postgres}). */
    TpccSource startSource(TpccSource.Builder source, int warehouses) {
        phase("source: starting PostgreSQL, %d warehouse(s)", warehouses);
        var tpcc = source.home(home).warehouses(warehouses).build();
        tpcc.generation().ifPresent(report -> phase("source: generated %s", report));
        return tpcc;
    }

    /** Phase 5: verify every table, source vs silver, with the planner's verify step. */
    StepRun verify(String snapshotUri) {
        phase("verify: comparing source and silver");
        var context = new PlanContext(LocalPipelineRuntime.environment(home).stepsJar(), snapshotUri);
        return steps.run("verify", StepPlanner.verifyStep(context, Optional.empty()));
    }

    /** Prints the short report. */
    public static void print(Report report, PrintWriter out) {
        out.println();
        out.printf("%-20s %10s %12s %12s%n", "table", "rows", "jdbc_load s", "seed_hudi s");
        for (var table : report.tables()) {
            out.printf(
                    "%-20s %10d %12.1f %12.1f%n",
                    table.table(), table.rows(), seconds(table.jdbcLoad()), seconds(table.seedHudi()));
        }
        out.printf(
                "%-20s %10d%n",
                "total", report.tables().stream().mapToLong(TableLoad::rows).sum());
        out.println();
        out.print(report.goldOutput());
        out.print(report.verifyOutput());
        out.printf(
                "demo: %s in %.0f s%n",
                report.verified() ? "lake equals source" : "LAKE DIFFERS FROM SOURCE", seconds(report.total()));
        out.flush();
    }

    private void phase(String format, Object... args) {
        out.printf("[demo] " + format + "%n", args);
        out.flush();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
