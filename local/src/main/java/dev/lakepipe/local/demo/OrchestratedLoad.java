package dev.lakepipe.local.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.local.dynamodb.ConfigImport;
import dev.lakepipe.local.dynamodb.ConfigTableConnection;
import dev.lakepipe.local.emr.EmrLogs;
import dev.lakepipe.local.emr.LocalCluster;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.local.runtime.RunProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo's load phases through the orchestration, as on AWS: the configs go into the config table
 * (DynamoDB Local), the launcher starts jdbc_load, and the state machine chains seed_hudi, incremental_hudi
 * and consumption through next_pipeline, each on its local cluster (one step JVM per table or step).
 */
public final class OrchestratedLoad {

    /** The config table the demo uses ({@code lakepipe run ... --table lakepipe-configs}). */
    public static final String CONFIG_TABLE = "lakepipe-configs";

    /** The line jdbc_load and seed_hudi print for each table: step, table, rows, seconds. */
    private static final Pattern TABLE_REPORT =
            Pattern.compile("(?m)^(jdbc_load|seed_hudi) (\\S+): (\\d+) rows in ([\\d.]+) s");

    private final Path home;
    private final Path stateMachines;
    private final Path configs;
    private final StepProcesses steps;
    private final PrintWriter out;

    /**
     * What the chain did: its executions, the per-table load figures (jdbc_load and seed_hudi steps), a snapshot the
     * verify step can read, and each step's stdout by step name.
     */
    public record Result(
            List<Execution> chain,
            List<FullLoadDemo.TableLoad> tables,
            String snapshotUri,
            Map<String, String> stepOutputs) {

        /** The stdout of the steps of one pipeline (step names start with the pipeline name), in step name order. */
        public String stdoutOf(String pipeline) {
            return stepOutputs.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(pipeline + " "))
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .collect(Collectors.joining());
        }
    }

    public OrchestratedLoad(Path home, Path stateMachines, Path configs, StepProcesses steps, PrintWriter out) {
        this.home = requireNonNull(home, "home is null").toAbsolutePath();
        this.stateMachines = requireNonNull(stateMachines, "stateMachines is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** The load: jdbc_load, chained by next_pipeline (seed_hudi, incremental_hudi, consumption for tpcc). */
    public Result run(String identifier) {
        return run(identifier, PipelineType.JDBC_LOAD.configName());
    }

    /** Launches {@code pipeline} of {@code identifier} through the launcher and follows its next_pipeline chain to the end. */
    public Result run(String identifier, String pipeline) {
        try (var table = ConfigTableConnection.open(Optional.empty(), home, CONFIG_TABLE)) {
            var imported = new ConfigImport(table.table()).importItems(ConfigReader.readItems(configs));
            List<String> diff = imported.render();
            phase("configs: %s into %s: %s", configs, CONFIG_TABLE, diff.isEmpty() ? "" : diff.get(diff.size() - 1));
            var progress = new RunProgress(out, LocalPipelineRuntime.topLevelStates(stateMachines), Clock.systemUTC());
            try (var runtime = LocalPipelineRuntime.builder()
                    .home(home)
                    .stateMachines(stateMachines)
                    .configs(table.table())
                    .stepProcesses(steps)
                    .emrListener(progress)
                    .executionListener(progress)
                    .build()) {
                phase("launcher: %s of %s; the state machine chains what next_pipeline says", pipeline, identifier);
                List<Execution> chain = runtime.runChain(LaunchRequest.of(identifier, pipeline));
                Execution last = chain.get(chain.size() - 1);
                if (last.status() != ExecutionStatus.SUCCEEDED) {
                    throw new LakepipeException(
                            "Failed to load the lake: execution %s %s (%s); see `lakepipe executions history %s` and %s",
                            last.name(),
                            last.status(),
                            last.error().orElse("?"),
                            last.name(),
                            runtime.outbox().file());
                }
                chain.forEach(execution -> phase("%-45s %s", execution.name(), execution.status()));
                return new Result(
                        chain,
                        tableLoads(runtime),
                        last.input().path("runtime_config").asText(),
                        stepOutputs(runtime));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while loading the lake");
        }
    }

    /**
     * Per table: rows and the time of its jdbc_load and its seed_hudi, from the lines the steps print for each table
     * ({@code seed_hudi public.item: 100000 rows in 4.2 s ...}), alike for a step of its own and a step group's.
     */
    private List<FullLoadDemo.TableLoad> tableLoads(LocalPipelineRuntime runtime) {
        Map<String, Duration> loads = new TreeMap<>();
        Map<String, Duration> seeds = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (LocalCluster cluster : runtime.emr().clusters()) {
            for (JsonNode described : cluster.describeSteps()) {
                var output = stdout(
                        runtime, cluster.id(), described.path("Step").path("Id").asText());
                var matcher = TABLE_REPORT.matcher(output);
                while (matcher.find()) {
                    var table = matcher.group(2);
                    var took = Duration.ofMillis(Math.round(1000 * Double.parseDouble(matcher.group(4))));
                    if (matcher.group(1).equals("jdbc_load")) {
                        loads.put(table, took);
                    } else {
                        seeds.put(table, took);
                        rows.put(table, Long.parseLong(matcher.group(3)));
                    }
                }
            }
        }
        var tables = new ArrayList<FullLoadDemo.TableLoad>();
        loads.forEach((name, took) -> tables.add(new FullLoadDemo.TableLoad(
                name, rows.getOrDefault(name, -1L), took, seeds.getOrDefault(name, Duration.ZERO))));
        return tables;
    }

    /** Every step's stdout by step name (the gold step's report, for one). */
    private static Map<String, String> stepOutputs(LocalPipelineRuntime runtime) {
        var outputs = new TreeMap<String, String>();
        for (LocalCluster cluster : runtime.emr().clusters()) {
            for (JsonNode described : cluster.describeSteps()) {
                JsonNode step = described.path("Step");
                outputs.put(
                        step.path("Name").asText(),
                        stdout(runtime, cluster.id(), step.path("Id").asText()));
            }
        }
        return outputs;
    }

    /**
     * The step's printed report: its driver's stdout, which on EMR is the container log of the step's application (the
     * step's own stdout holds spark-submit's output only); empty for a step that never ran.
     */
    private static String stdout(LocalPipelineRuntime runtime, String clusterId, String stepId) {
        var logs = new EmrLogs(runtime.buckets().resolve("s3://lakepipe-logs/emr/" + clusterId + "/"));
        return logs.driver(stepId, "stdout")
                .filter(Files::exists)
                .map(OrchestratedLoad::read)
                .orElse("");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read step output " + log, e);
        }
    }

    private void phase(String format, Object... args) {
        out.printf("[demo] " + format + "%n", args);
        out.flush();
    }
}
