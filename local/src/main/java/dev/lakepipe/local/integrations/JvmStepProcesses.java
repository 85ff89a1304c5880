package dev.lakepipe.local.integrations;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local {@code spark-submit}: each step is {@code java <add-opens> -cp <classpath> -D<conf>... <main> <args>}
 * in a fresh JVM, its output in the step's log files. The classpath is the emr-steps jar plus the Spark/Hudi jars
 * EMR provides ({@code emr-steps/target/spark-classpath.txt}); the step's application jar argument is not used.
 */
public final class JvmStepProcesses implements StepProcesses {

    /** The JVM options Spark 3.5 needs on Java 17. */
    static final List<String> SPARK_ADD_OPENS = List.of(
            "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.io",
            "java.base/java.net", "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");

    private final String classpath;
    private final List<String> jvmOptions;

    public JvmStepProcesses(String classpath, List<String> jvmOptions) {
        this.classpath = requireNonNull(classpath, "classpath is null");
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The step JVMs of a built checkout: {@code <repo>/emr-steps/target/emr-steps.jar} and its Spark classpath. */
    public static JvmStepProcesses forRepository(Path repository, List<String> jvmOptions) {
        Path target = repository.resolve("emr-steps").resolve("target");
        Path jar = target.resolve("emr-steps.jar");
        Path sparkClasspath = target.resolve("spark-classpath.txt");
        if (!Files.exists(jar) || !Files.exists(sparkClasspath)) {
            throw new LakepipeException("Cannot run EMR steps locally: %s or %s is missing; run `make build` first", jar, sparkClasspath);
        }
        try {
            return new JvmStepProcesses(jar + File.pathSeparator + Files.readString(sparkClasspath).strip(), jvmOptions);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", sparkClasspath);
        }
    }

    @Override
    public int run(SparkSubmitCommand command, Path stdout, Path stderr) throws IOException, InterruptedException {
        var commandLine = new ArrayList<String>();
        commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        SPARK_ADD_OPENS.forEach(module -> commandLine.add("--add-opens=" + module + "=ALL-UNNAMED"));
        commandLine.addAll(jvmOptions);
        commandLine.add("-cp");
        commandLine.add(classpath);
        command.conf().forEach((key, value) -> commandLine.add("-D" + key + "=" + value));
        commandLine.add(command.mainClass());
        commandLine.addAll(command.args());
        Process process = new ProcessBuilder(commandLine).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw e;
        }
    }
}
