package dev.lakepipe.local.integrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step JVMs on the test classpath, through the production {@link JvmStepProcesses}. {@link #recordingTo} runs
 * {@code RecordingStep} instead of each planned main class, giving it the planned class and args.
 */
public final class TestStepProcesses {

    private TestStepProcesses() {}

    public static StepProcesses direct() {
        return new JvmStepProcesses(System.getProperty("java.class.path"), List.of("-Xmx64m"));
    }

    public static StepProcesses recordingTo(Path record) {
        StepProcesses jvm = direct();
        return (command, stdout, stderr) -> {
            var args = new ArrayList<String>();
            args.add(record.toString());
            args.add(command.mainClass());
            args.addAll(command.args());
            return jvm.run(new SparkSubmitCommand("dev.lakepipe.local.integrations.steps.RecordingStep",
                    command.applicationJar(), command.conf(), args), stdout, stderr);
        };
    }
}
