package dev.lakepipe.local.emr;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Step JVMs through the production {@link SparkStepProcess} on an EMR node's classpath (emr-steps' {@code emr-classpath.txt}
 * and the node jars a step asks for), with this module's test classes in place of emr-steps.jar: test steps are test
 * classes. {@link #recordingTo} runs {@code RecordingStep} instead of each planned main class, giving it the planned class
 * and args.
 */
public final class TestStepProcesses {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private TestStepProcesses() {}

    public static StepProcesses direct() {
        var emrSteps = REPO.resolve("emr-steps/target");
        Path classes = Path.of(System.getProperty("user.dir"), "target", "test-classes");
        return new SparkStepProcess(
                new EmrStepsJar(
                        classes,
                        emrClasspathWithDriver(emrSteps),
                        EmrNodeJars.in(emrSteps),
                        REPO.resolve("config/log4j2.xml")),
                "64m");
    }

    /**
     * EMR's classpath plus what emr-steps.jar holds of ours, emr-steps' and pipeline-core's classes: the driver every step
     * JVM starts with (SparkSubmitDriver) and StepMain for the test steps that end as lakepipe's steps do.
     * One file per failsafe JVM: two may run at once, and one rewriting the file must not truncate it under the other's
     * starting step.
     */
    private static Path emrClasspathWithDriver(Path emrSteps) {
        try {
            var classpath =
                    Files.readString(emrSteps.resolve("emr-classpath.txt")).strip()
                            + File.pathSeparator
                            + emrSteps.resolve("classes")
                            + File.pathSeparator
                            + REPO.resolve("pipeline-core/target/classes");
            return Files.writeString(
                    Path.of(
                            System.getProperty("user.dir"),
                            "target",
                            "test-emr-classpath-" + ProcessHandle.current().pid() + ".txt"),
                    classpath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code mainClass} instead of each planned main class, with the planned args. */
    public static StepProcesses runningAs(String mainClass) {
        StepProcesses jvm = direct();
        return (command, stdout, stderr) -> jvm.run(
                new SparkSubmitCommand(
                        mainClass, command.applicationJar(), command.conf(), command.jars(), command.args()),
                stdout,
                stderr);
    }

    public static StepProcesses recordingTo(Path record) {
        StepProcesses jvm = direct();
        return (command, stdout, stderr) -> {
            var args = new ArrayList<String>();
            args.add(record.toString());
            args.add(command.mainClass());
            args.addAll(command.args());
            return jvm.run(
                    new SparkSubmitCommand(
                            "dev.lakepipe.local.emr.steps.RecordingStep",
                            command.applicationJar(),
                            command.conf(),
                            command.jars(),
                            args),
                    stdout,
                    stderr);
        };
    }
}
