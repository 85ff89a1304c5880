package dev.lakepipe.steps.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkUserAppException;

/**
 * The local stand-in for what runs a step's {@code main} under {@code spark-submit}: {@code <cluster|client> <main
 * class> <args>}, used by the local EMR and the CLI's step JVMs, never on EMR. It applies the exit rules of the real
 * driver, so a step that would fail on EMR fails here:
 *
 * <ul>
 *   <li>{@code cluster} (every EMR step; YARN's ApplicationMaster): {@code main} must return. Leaving the JVM before
 *       that, even with {@code System.exit(0)}, fails with {@link #EXIT_EARLY}; a {@link SparkUserAppException}
 *       exits with its code; any other exception with {@link #EXIT_EXCEPTION_USER_CLASS}.
 *   <li>{@code client} (spark-submit's own JVM): the main's {@code System.exit} stands; a
 *       {@link SparkUserAppException} exits with its code; any other exception with 1.
 * </ul>
 *
 * <p>In cluster mode it also writes what the ApplicationMaster reports to YARN as the application's diagnostics (the
 * text spark-submit prints and EMR reads) to the file {@value #DIAGNOSTICS_FILE_PROPERTY} names: empty on success,
 * {@code User application exited with status <code>} for a {@link SparkUserAppException} (no more: Spark 3.5's AM has
 * only the code), {@code User class threw exception: <the exception and its stack trace>} for any other.
 */
public final class SparkSubmitDriver {

    /** YARN ApplicationMaster's exit code for a user class that threw. */
    public static final int EXIT_EXCEPTION_USER_CLASS = 15;
    /** YARN ApplicationMaster's exit code for a JVM that ended before the user class returned. */
    public static final int EXIT_EARLY = 16;
    /** The file the cluster-mode driver writes its final diagnostics to (the local EMR's YARN application report). */
    public static final String DIAGNOSTICS_FILE_PROPERTY = "lakepipe.yarn.diagnostics-file";
    /** The diagnostics of an application whose JVM ended before its main returned (the AM's shutdown hook). */
    public static final String EARLY_EXIT_DIAGNOSTICS = "Shutdown hook called before final status was reported.";

    /** How the driver ended: the exit code and the AM's diagnostics (empty on success). */
    record Final(int exitCode, String diagnostics) {}

    private SparkSubmitDriver() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length < 2 || !(args[0].equals("cluster") || args[0].equals("client"))) {
            System.err.println("Usage: SparkSubmitDriver <cluster|client> <main class> [args...]");
            System.exit(2);
        }
        var cluster = args[0].equals("cluster");
        var main = Class.forName(args[1]).getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException("The main method of " + args[1] + " is not static");
        }
        var finished = new AtomicBoolean();
        if (cluster) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> failIfUnfinished(finished, System.err)));
        }
        var end = run(main, Arrays.copyOfRange(args, 2, args.length), cluster, System.err);
        if (cluster) {
            report(end.diagnostics());
        }
        finished.set(true);
        System.exit(end.exitCode());
    }

    private static Final run(Method main, String[] args, boolean cluster, PrintStream err)
            throws IllegalAccessException {
        try {
            main.invoke(null, (Object) args);
            return new Final(0, "");
        } catch (InvocationTargetException e) {
            return end(e.getCause(), cluster, err);
        }
    }

    static Final end(Throwable thrown, boolean cluster, PrintStream err) {
        if (thrown instanceof SparkUserAppException userExit) {
            var diagnostics = "User application exited with status " + userExit.exitCode();
            err.println(diagnostics);
            return new Final(userExit.exitCode(), diagnostics);
        }
        var trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        // The JVM's own words for an uncaught exception (the driver's log: the container's stderr on EMR).
        err.print("Exception in thread \"main\" " + trace);
        return new Final(cluster ? EXIT_EXCEPTION_USER_CLASS : 1, "User class threw exception: " + trace);
    }

    /** Writes the AM's final diagnostics where the local EMR reads the application report. */
    private static void report(String diagnostics) {
        var file = System.getProperty(DIAGNOSTICS_FILE_PROPERTY);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), diagnostics, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the application's diagnostics to " + file, e);
        }
    }

    private static void failIfUnfinished(AtomicBoolean finished, PrintStream err) {
        if (!finished.get()) {
            err.println("Final app status: FAILED, exitCode: " + EXIT_EARLY
                    + ", (reason: " + EARLY_EXIT_DIAGNOSTICS + ") The step's main left the"
                    + " JVM (System.exit) before it returned; on EMR (YARN cluster mode) that fails the step even"
                    + " with exit code 0: return from main, or throw SparkUserAppException(code) (StepMain.exit)");
            err.flush();
            report(EARLY_EXIT_DIAGNOSTICS);
            Runtime.getRuntime().halt(EXIT_EARLY);
        }
    }
}
