package dev.lakepipe.local.emr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Step JVMs on the test classpath through the production {@link SparkStepProcess}. {@link #recordingTo} runs
 * {@code RecordingStep} instead of each planned main class, giving it the planned class and args.
 */
public final class TestStepProcesses {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private TestStepProcesses() {}

    public static StepProcesses direct() {
        try {
            Path classpath = Files.createTempFile("lakepipe-test-classpath", ".txt");
            classpath.toFile().deleteOnExit();
            Files.writeString(classpath, System.getProperty("java.class.path"));
            Path classes = Path.of(System.getProperty("user.dir"), "target", "test-classes");
            return new SparkStepProcess(new EmrStepsJar(classes, classpath, REPO.resolve("config/log4j2.xml")), "64m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StepProcesses recordingTo(Path record) {
        StepProcesses jvm = direct();
        return (command, stdout, stderr) -> {
            var args = new ArrayList<String>();
            args.add(record.toString());
            args.add(command.mainClass());
            args.addAll(command.args());
            return jvm.run(new SparkSubmitCommand("dev.lakepipe.local.emr.steps.RecordingStep",
                    command.applicationJar(), command.conf(), args), stdout, stderr);
        };
    }
}
