package dev.lakepipe.steps.apply;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A step main class in a fresh JVM, as the local EMR runs it: the test JVM's classpath and Spark module
 * options, {@code -D} properties, stdout and stderr to files.
 */
final class ForkedStep {

    private final Process process;
    private final Path log;

    private ForkedStep(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ForkedStep start(Path workDir, String mainClass, List<String> systemProperties, List<String> args)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (var option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-Dlog4j")) {
                command.add(option);
            }
        }
        command.add("-Xmx1g");
        // The failsafe run's step JVM options (test.step.jvm-options in the root pom), as the local EMR gives its
        // steps.
        var jvmOptions = System.getProperty("lakepipe.step.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.add("-Duser.timezone=UTC");
        command.add("-Dspark.master=local[2]");
        command.add("-Dspark.ui.enabled=false");
        command.add("-Dspark.sql.shuffle.partitions=2");
        systemProperties.forEach(property -> command.add("-D" + property));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(workDir);
        var log = Files.createTempFile(workDir, "step-", ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ForkedStep(process, log);
    }

    /** Waits for the exit code (fails after {@code timeoutSeconds}, killing the JVM). */
    int await(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("step did not finish within " + timeoutSeconds + " s; log:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as EMR's step cancel or {@code kill} sends it. */
    void terminate() {
        process.destroy();
    }

    String output() throws IOException {
        return Files.readString(log);
    }
}
