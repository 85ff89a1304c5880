package dev.lakepipe.steps.spark;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 */
public final class SparkSubmitDriver {

    /** YARN ApplicationMaster's exit code for a user class that threw. */
    public static final int EXIT_EXCEPTION_USER_CLASS = 15;
    /** YARN ApplicationMaster's exit code for a JVM that ended before the user class returned. */
    public static final int EXIT_EARLY = 16;

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
        var code = run(main, Arrays.copyOfRange(args, 2, args.length), cluster, System.err);
        finished.set(true);
        System.exit(code);
    }

    private static int run(Method main, String[] args, boolean cluster, PrintStream err) throws IllegalAccessException {
        try {
            main.invoke(null, (Object) args);
            return 0;
        } catch (InvocationTargetException e) {
            return exitCode(e.getCause(), cluster, err);
        }
    }

    static int exitCode(Throwable thrown, boolean cluster, PrintStream err) {
        if (thrown instanceof SparkUserAppException userExit) {
            err.println("User application exited with status " + userExit.exitCode());
            return userExit.exitCode();
        }
        // The JVM's own words for an uncaught exception, which the local EMR reads as the step's failure reason.
        err.print("Exception in thread \"main\" ");
        thrown.printStackTrace(err);
        return cluster ? EXIT_EXCEPTION_USER_CLASS : 1;
    }

    private static void failIfUnfinished(AtomicBoolean finished, PrintStream err) {
        if (!finished.get()) {
            err.println("Final app status: FAILED, exitCode: " + EXIT_EARLY
                    + ", (reason: Shutdown hook called before final status was reported.) The step's main left the"
                    + " JVM (System.exit) before it returned; on EMR (YARN cluster mode) that fails the step even"
                    + " with exit code 0: return from main, or throw SparkUserAppException(code) (StepMain.exit)");
            err.flush();
            Runtime.getRuntime().halt(EXIT_EARLY);
        }
    }
}
