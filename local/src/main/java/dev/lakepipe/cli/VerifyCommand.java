package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() {
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
            var run = new LocalStepRunner(SparkStepProcess.local(), logs).run(identifier, step);
            output.out().print(run.stdout());
            output.out().flush();
            if (run.exitCode() != EQUAL && run.exitCode() != DIFFERENT) {
                output.error("Error: " + stepError(run.stderr()).orElse("verify exited with " + run.exitCode())
                        + " (step log: " + run.stderr() + ")");
            }
            return run.exitCode();
        } catch (LakepipeException e) {
            output.fail(e);
            return FAILED;
        }
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
