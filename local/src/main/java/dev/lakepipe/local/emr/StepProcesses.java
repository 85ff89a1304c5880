package dev.lakepipe.local.emr;

import java.io.IOException;
import java.nio.file.Path;

/** Runs one EMR step locally, in its own JVM (the local {@code spark-submit}). */
@FunctionalInterface
public interface StepProcesses {

    /**
     * Runs the step to completion, writing its output to {@code stdout} and {@code stderr}.
     * Interrupting the calling thread kills the step's process and rethrows.
     *
     * @return the process exit code; 0 is success
     */
    int run(SparkSubmitCommand command, Path stdout, Path stderr) throws IOException, InterruptedException;
}
