package dev.lakepipe.local.integrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs each step's main class in a fresh JVM on the test classpath, {@code --conf} as system properties,
 * output to the step's log files: the shape of the local EMR's step JVM without Spark. With a record file,
 * every step runs {@code RecordingStep} instead, given the planned main class and args.
 */
final class TestStepProcesses implements StepProcesses {

    private final Optional<Path> record;

    private TestStepProcesses(Optional<Path> record) {
        this.record = record;
    }

    static TestStepProcesses direct() {
        return new TestStepProcesses(Optional.empty());
    }

    static TestStepProcesses recordingTo(Path record) {
        return new TestStepProcesses(Optional.of(record));
    }

    @Override
    public int run(SparkSubmitCommand command, Path stdout, Path stderr) throws InterruptedException {
        var commandLine = new ArrayList<String>();
        commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        commandLine.add("-Xmx64m");
        commandLine.add("-cp");
        commandLine.add(System.getProperty("java.class.path"));
        command.conf().forEach((key, value) -> commandLine.add("-D" + key + "=" + value));
        if (record.isPresent()) {
            commandLine.add("dev.lakepipe.local.integrations.steps.RecordingStep");
            commandLine.add(record.get().toString());
        }
        commandLine.add(command.mainClass());
        commandLine.addAll(command.args());
        Process process;
        try {
            process = new ProcessBuilder(commandLine)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return 124;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }
}
