package dev.lakepipe.cli;

import dev.lakepipe.cli.configs.ConfigTableOptions;
import dev.lakepipe.local.dynamodb.ConfigTableConnection;
import dev.lakepipe.local.emr.EmrStepsJar;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.local.runtime.RunProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code lakepipe run} and {@code lakepipe schedule} need to run pipelines locally: the config table and the repo. */
final class PipelineRuntimeOptions {

    @Mixin
    ConfigTableOptions table;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "The lakepipe checkout (state-machines/, emr-steps/target/);"
                    + " default: the one bin/lakepipe runs from, else the working directory.")
    Path repository;

    @Option(
            names = "--step-heap",
            paramLabel = "SIZE",
            description = "-Xmx of every step JVM (default ${DEFAULT-VALUE}).")
    String stepHeap = "2g";

    /** The options of a command that names the config table its own way ({@code verify --config-table}). */
    static PipelineRuntimeOptions of(ConfigTableOptions table, Optional<Path> repository) {
        var options = new PipelineRuntimeOptions();
        options.table = table;
        options.repository = repository.orElse(null);
        return options;
    }

    Path repository() {
        return repository != null ? repository : Path.of(System.getProperty("lakepipe.repo", "."));
    }

    Path stateMachines() {
        return repository().resolve("state-machines");
    }

    ConfigTableConnection openConfigs() {
        return table.open();
    }

    StepProcesses stepProcesses() {
        return new SparkStepProcess(EmrStepsJar.in(repository()), stepHeap);
    }

    /** The local runtime on these configs, printing progress lines (states, cluster, steps, outcome) to {@code out}. */
    LocalPipelineRuntime openRuntime(ConfigTableConnection configs, StepProcesses processes, PrintWriter out) {
        var progress = new RunProgress(out, LocalPipelineRuntime.topLevelStates(stateMachines()), Clock.systemUTC());
        return LocalPipelineRuntime.builder()
                .home(LakepipeHome.resolve())
                .stateMachines(stateMachines())
                .configs(configs.table())
                .stepProcesses(processes)
                .emrListener(progress)
                .executionListener(progress)
                .build();
    }
}
