package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.plan.HudiOnEmr;
import dev.lakepipe.plan.StepPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local {@code spark-submit}: runs a step's main class in a fresh JVM,
 * {@code java <add-opens> -Dlog4j.configurationFile=… -D<conf>… -cp <EmrStepsJar#classpath> SparkSubmitDriver
 * <cluster|client> <main> <args>},
 * with stdout and stderr written to files, and returns the exit code. Interrupting the caller kills the step. A step
 * that died for want of a class in an EMR node jar it did not ask for gets a {@link MissingEmrJarException} line at the
 * end of its stderr.
 */
public final class SparkStepProcess implements StepProcesses {

    /** Spark 3.5's own module options (org.apache.spark.launcher.JavaModuleOptions); spark-submit adds them on EMR. */
    static final List<String> ADD_OPENS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    /** A class a step could not load: {@code ClassNotFoundException: a.B}, {@code NoClassDefFoundError: a/B}. */
    private static final Pattern MISSING_CLASS = Pattern.compile(
            "(?:ClassNotFoundException|NoClassDefFoundError):\\s+(?:Could not initialize class\\s+)?([\\w$]+(?:[./][\\w$]+)+)");

    private static final String APPLICATION_JAR = "emr-steps.jar";
    /**
     * The emr-steps class that runs the main class with the real driver's exit rules (a {@code System.exit} before an
     * EMR step's main returns fails it, as YARN cluster mode does).
     */
    static final String DRIVER_CLASS = "dev.lakepipe.steps.spark.SparkSubmitDriver";
    /**
     * Extra options for every step JVM, space-separated: a performance knob of this machine, not of the step (EMR's
     * spark-submit has its own). The tests set {@code -XX:TieredStopAtLevel=1}: their step JVMs live seconds on tiny data,
     * where C2 compiling costs more CPU than it saves.
     */
    public static final String JVM_OPTIONS_PROPERTY = "lakepipe.step.jvm-options";

    private final EmrStepsJar jar;
    private final String heap;
    private final Optional<StepClassArchives> classArchives = StepClassArchives.configured();

    /**
     * @param heap the step JVM's {@code -Xmx}, e.g. {@code 2g} (the default of {@link #local()})
     */
    public SparkStepProcess(EmrStepsJar jar, String heap) {
        this.jar = requireNonNull(jar, "jar is null");
        this.heap = requireNonNull(heap, "heap is null");
    }

    /** The step jar of this repository ({@link EmrStepsJar#locate()}), heap from {@code -Dlakepipe.step.heap} (default 2g). */
    public static SparkStepProcess local() {
        return new SparkStepProcess(EmrStepsJar.locate(), System.getProperty("lakepipe.step.heap", "2g"));
    }

    /**
     * A step run outside a state machine (verify, the CDC apply of the demo, the CLI's sql and describe): it reads Hudi
     * tables, so it asks for Hudi as a planned Hudi step does.
     */
    public static SparkSubmitCommand hudiStep(String mainClass, List<String> args) {
        return new SparkSubmitCommand(
                mainClass, APPLICATION_JAR, HudiOnEmr.SPARK_CONF, List.of(HudiOnEmr.SPARK_BUNDLE), args);
    }

    /**
     * Runs the step with its conf as system properties; output to the two files. A failed cluster-mode attempt runs
     * again in a new JVM, up to {@link SparkSubmitCommand#appAttempts()}, as YARN runs a new ApplicationMaster; the
     * attempts append to the same files. A killed step is not run again.
     */
    @Override
    public int run(SparkSubmitCommand step, Path stdout, Path stderr) throws IOException, InterruptedException {
        Files.createDirectories(stdout.toAbsolutePath().getParent());
        Files.createDirectories(stderr.toAbsolutePath().getParent());
        var attempts = step.appAttempts();
        var exit = attempt(step, Redirect.to(stdout.toFile()), Redirect.to(stderr.toFile()));
        for (int attempt = 2; exit != 0 && attempt <= attempts; attempt++) {
            append(
                    stderr,
                    "Attempt %d of %d failed with exit code %d; YARN starts attempt %d (%s=%d; 1 runs a step once)"
                            .formatted(attempt - 1, attempts, exit, attempt, StepPlanner.MAX_APP_ATTEMPTS, attempts));
            exit = attempt(step, Redirect.appendTo(stdout.toFile()), Redirect.appendTo(stderr.toFile()));
        }
        if (exit != 0) {
            explainMissingClass(step, stderr);
        }
        return exit;
    }

    private int attempt(SparkSubmitCommand step, Redirect stdout, Redirect stderr)
            throws IOException, InterruptedException {
        var classes = classArchives
                .map(archives -> archives.use(jvm(), jar.classpath(step.jars()), step.mainClass()))
                .orElse(StepClassArchives.Use.NONE);
        Process process;
        try {
            process = new ProcessBuilder(command(step, classes.options()))
                    .redirectOutput(stdout)
                    .redirectError(stderr)
                    .start();
        } catch (IOException e) {
            classes.failed().run();
            throw e;
        }
        try {
            var exit = process.waitFor();
            (exit == 0 ? classes.succeeded() : classes.failed()).run();
            return exit;
        } catch (InterruptedException e) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            classes.failed().run();
            throw e;
        }
    }

    private void explainMissingClass(SparkSubmitCommand step, Path stderr) throws IOException {
        var missing = new LinkedHashSet<String>();
        try (var lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
            lines.map(MISSING_CLASS::matcher)
                    .filter(Matcher::find)
                    .forEach(match -> missing.add(match.group(1).replace('/', '.')));
        }
        missing.stream()
                .flatMap(className -> jar
                        .nodeJars()
                        .holding(className, step.jars())
                        .map(nodeJar -> new MissingEmrJarException(className, nodeJar))
                        .stream())
                .findFirst()
                .ifPresent(explanation -> append(stderr, explanation.toString()));
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append to " + file, e);
        }
    }

    /**
     * Runs {@code mainClass args} attached to the caller: the step's stdout and stderr are copied to {@code out} and
     * {@code err} as they come (a CLI command that prints a step's answer, e.g. {@code lakepipe sql "..."}).
     */
    public int runAttached(String mainClass, List<String> args, Writer out, Writer err)
            throws IOException, InterruptedException {
        var process = new ProcessBuilder(command(hudiStep(mainClass, args)))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        var errors = new Thread(() -> copy(process.getErrorStream(), err), "step-stderr");
        errors.start();
        try {
            copy(process.getInputStream(), out);
            var exit = process.waitFor();
            errors.join();
            return exit;
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    /** Runs {@code mainClass args} on this terminal (stdin, stdout and stderr inherited): an interactive step. */
    public int runInteractive(String mainClass, List<String> args) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command(hudiStep(mainClass, args)))
                .inheritIO()
                .start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    private static void copy(InputStream from, Writer to) {
        try (var reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
            var buffer = new char[8192];
            for (int read; (read = reader.read(buffer)) >= 0; ) {
                synchronized (to) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy a step's output", e);
        }
    }

    private static List<String> jvmOptions() {
        var options = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    List<String> command(SparkSubmitCommand step) {
        return command(step, List.of());
    }

    /** The step JVM's own options: its heap and {@link #JVM_OPTIONS_PROPERTY}. */
    private List<String> jvm() {
        var jvm = new ArrayList<String>();
        jvm.add("-Xmx" + heap);
        jvm.addAll(jvmOptions());
        return jvm;
    }

    private List<String> command(SparkSubmitCommand step, List<String> classArchiveOptions) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm());
        command.addAll(classArchiveOptions);
        command.addAll(ADD_OPENS);
        command.add("-Duser.timezone=UTC");
        command.add("-Dlog4j.configurationFile=" + jar.log4jConfiguration());
        step.conf().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(jar.classpath(step.jars()));
        command.add(DRIVER_CLASS);
        command.add(step.clusterMode() ? "cluster" : "client");
        command.add(step.mainClass());
        command.addAll(step.args());
        return command;
    }
}
