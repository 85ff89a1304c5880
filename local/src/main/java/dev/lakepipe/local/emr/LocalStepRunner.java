package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.plan.EmrStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one planned step outside a state machine (the CLI's verify, the demo's verify): a {@link SparkStepProcess}
 * whose output goes to {@code <logs>/<name>/{stdout,stderr}}.
 */
public final class LocalStepRunner {

    private final StepProcesses process;
    private final Path logs;

    public LocalStepRunner(StepProcesses process, Path logs) {
        this.process = requireNonNull(process, "process is null");
        this.logs = requireNonNull(logs, "logs is null");
    }

    /** The outcome of one step run; {@code stdout} is the step's printed report. */
    public record StepRun(String name, int exitCode, Duration duration, String stdout, Path stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs a step the planner made ({@code StepPlanner}: the one producer of step commands), as the local EMR would:
     * its {@code spark-submit} command in a step JVM, output under {@code <logs>/<name>}.
     */
    public StepRun run(String name, EmrStep step) {
        var command = SparkSubmitCommand.parse(step.args());
        var folder = logs.resolve(name);
        var stdout = folder.resolve("stdout");
        var stderr = folder.resolve("stderr");
        var started = System.nanoTime();
        try {
            var exit = process.run(command, stdout, stderr);
            return new StepRun(
                    name, exit, Duration.ofNanos(System.nanoTime() - started), Files.readString(stdout), stderr);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to run step %s (%s); see %s", name, command.mainClass(), folder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while running step %s", name);
        }
    }
}
