package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.configs.ConfigTableOptions;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakepipe verify}: source vs silver, per table, in a step JVM. The step's exit code is passed on, so a script
 * tells "the lake differs" ({@link #DIFFERENT}) from "verify did not run" ({@link #USAGE}, {@link #FAILED}).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Compare every table of an identifier with its silver Hudi table (row count and checksum);"
                + " --live while the source and the apply run.")
public final class VerifyCommand implements Callable<Integer> {

    /** The exit codes of the verify step (VerifyStep), which this command passes on. */
    static final int EQUAL = 0;

    static final int DIFFERENT = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    /** The verify step's line naming the tables whose differences persist (VerifyStep.PERSISTENT_LINE). */
    static final String PERSISTENT_LINE = "verify: tables that differ persistently: ";

    @Mixin
    private OutputOptions output;

    @Option(names = "--identifier", required = true, description = "The pipeline identifier, e.g. tpcc.")
    private String identifier;

    @Option(
            names = "--config",
            description = "Runtime snapshot to use (default: the newest under the artifacts bucket).")
    private String config;

    @Option(names = "--table", description = "Only these tables (schema.table, comma-separated).")
    private String tables;

    @Option(
            names = "--live",
            description = "Verify while the source and the apply run: re-check the keys that differ once the apply has"
                    + " passed the moment they were read, and report only the differences that persist.")
    private boolean live;

    @Option(
            names = "--catch-up-wait",
            paramLabel = "SECONDS",
            converter = Counts.Positive.class,
            description = "With --live: how long to wait, each time, for the apply to pass a source read"
                    + " (default ${DEFAULT-VALUE}).")
    private int catchUpWait = 300;

    @Option(
            names = "--reload-on-mismatch",
            description = "With --live: reload the tables that differ persistently, as 'lakepipe tables reload' does"
                    + " (the launcher event {identifier, pipeline: jdbc_load, tables}); needs --config-table.")
    private boolean reloadOnMismatch;

    @Option(
            names = "--config-table",
            paramLabel = "TABLE",
            description = "With --reload-on-mismatch: the DynamoDB config table the reload is launched from.")
    private String configTable;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description =
                    "With --reload-on-mismatch: the DynamoDB endpoint (default: DynamoDB Local in $LAKEPIPE_HOME).")
    private URI endpoint;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "With --reload-on-mismatch: the lakepipe checkout (state-machines/); default: the one"
                    + " bin/lakepipe runs from.")
    private Path repository;

    @Spec
    private CommandSpec spec;

    private final StepProcesses verifySteps;
    private final Function<PipelineRuntimeOptions, StepProcesses> reloadSteps;

    VerifyCommand() {
        this(SparkStepProcess.local(), PipelineRuntimeOptions::stepProcesses);
    }

    /** For tests: how the verify step's JVM and the reload's step JVMs are started. */
    VerifyCommand(StepProcesses verifySteps, Function<PipelineRuntimeOptions, StepProcesses> reloadSteps) {
        this.verifySteps = verifySteps;
        this.reloadSteps = reloadSteps;
    }

    @Override
    public Integer call() {
        if (reloadOnMismatch && (!live || configTable == null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--reload-on-mismatch needs --live (only a live verify tells a persistent difference from one in"
                            + " flight) and --config-table (the config table the reload is launched from)");
        }
        try {
            var home = LakepipeHome.resolve();
            var snapshot = config != null
                    ? config
                    : latestSnapshot(home, identifier).toUri().toString();
            var context = new PlanContext(LocalPipelineRuntime.environment(home).stepsJar(), snapshot);
            var step = StepPlanner.verifyStep(
                    context,
                    Optional.ofNullable(tables),
                    live ? Optional.of(Duration.ofSeconds(catchUpWait)) : Optional.empty());
            var logs = home.resolve(
                    "s3/lakepipe-logs/local/verify-" + Instant.now().toEpochMilli());
            var run = new LocalStepRunner(verifySteps, logs).run(identifier, step);
            output.out().print(run.stdout());
            output.out().flush();
            if (run.exitCode() != EQUAL && run.exitCode() != DIFFERENT) {
                output.error("Error: " + stepError(run.stderr()).orElse("verify exited with " + run.exitCode())
                        + " (step log: " + run.stderr() + ")");
            }
            if (reloadOnMismatch && run.exitCode() == DIFFERENT) {
                reload(persistentTables(run.stdout()));
            }
            return run.exitCode();
        } catch (LakepipeException e) {
            output.fail(e);
            return FAILED;
        }
    }

    /**
     * Reloads the tables through the launch of {@code lakepipe tables reload}; the verify's exit code stands (the
     * tables differed), the reload's outcome is printed.
     */
    private void reload(List<String> differing) {
        if (differing.isEmpty()) {
            throw new LakepipeException(
                    "Cannot reload: verify found a persistent difference but named no table (no line starting with"
                            + " '%s' in its output); reload the tables by hand: lakepipe tables reload <table>"
                            + " --identifier %s --table %s",
                    PERSISTENT_LINE, identifier, configTable);
        }
        output.info("Reloading " + String.join(", ", differing) + " (lakepipe tables reload)");
        var options = PipelineRuntimeOptions.of(
                ConfigTableOptions.of(configTable, Optional.ofNullable(endpoint)), Optional.ofNullable(repository));
        var request = LaunchRequest.of(identifier, PipelineType.JDBC_LOAD.configName())
                .withTables(differing);
        if (RunCommand.runChain(options, reloadSteps.apply(options), output, request) == 0) {
            output.info("Reloaded " + String.join(", ", differing) + "; run 'lakepipe verify --live' again to confirm");
        }
    }

    /** The tables the live verify step names as differing persistently (its line starting {@link #PERSISTENT_LINE}). */
    static List<String> persistentTables(String stdout) {
        return stdout.lines()
                .filter(line -> line.startsWith(PERSISTENT_LINE))
                .flatMap(line -> Arrays.stream(
                        line.substring(PERSISTENT_LINE.length()).trim().split(" ")))
                .filter(table -> !table.isBlank())
                .toList();
    }

    /** The step's own one-line error ({@code verify: …} for bad arguments, {@code verify failed: …}), if it printed one. */
    static Optional<String> stepError(Path stderr) {
        try (Stream<String> lines = Files.lines(stderr)) {
            return lines.filter(line -> line.startsWith("verify: ") || line.startsWith("verify failed: "))
                    .map(line -> line.substring(line.indexOf(": ") + 2))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The newest runtime snapshot of the identifier: {@code <home>/s3/lakepipe-artifacts/runtime/<identifier>/*.json}. */
    static Path latestSnapshot(Path home, String identifier) {
        var folder = home.resolve("s3/lakepipe-artifacts/runtime").resolve(identifier);
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(VerifyCommand::modified))
                    .orElseThrow(() -> new LakepipeException(
                            "Cannot find a runtime snapshot of %s under %s; run 'lakepipe demo' "
                                    + "or a pipeline first, or pass --config <snapshot>",
                            identifier, folder));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list %s", folder);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", file);
        }
    }
}
