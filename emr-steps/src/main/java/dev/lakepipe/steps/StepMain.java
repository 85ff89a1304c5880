package dev.lakepipe.steps;

import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.SparkUserAppException;
import org.apache.spark.sql.SparkSession;

/** The shared main of every step: run, map the outcome to the exit code EMR records (0 ok, 1 failed, 2 usage). */
public final class StepMain {

    /** A step body that returns its exit code. */
    public interface Body {
        int run(String[] args) throws Exception;
    }

    /** The Spark session and the tables of a system step ({@code --config --table [--table ...]}). */
    record TableStepContext(SparkSession spark, List<StepTable> tables, SecretStore secrets) {}

    private StepMain() {}

    /** The context of a system step; {@code hudi} when it reads or writes Hudi tables (all but jdbc_load). */
    static TableStepContext tableStep(String step, boolean hudi, String... args) {
        var arguments = StepArgs.parse(step, args);
        var names = arguments.all("table");
        var spark = StepSpark.tablesSession(step + " " + String.join(", ", names), hudi, names.size());
        var configs = StepConfigs.read(
                arguments.required("config"), spark.sparkContext().hadoopConfiguration());
        var tables = names.stream().map(configs::table).toList();
        return new TableStepContext(
                spark,
                tables,
                SecretStore.forLocation(tables.get(0).environment().secrets()));
    }

    /** Spark's deploy mode property: YARN's ApplicationMaster sets it to {@code cluster} before it runs the main. */
    static final String DEPLOY_MODE = "spark.submit.deployMode";

    static final String CLUSTER_MODE = "cluster";

    /** Exit code of a step that did its work. */
    public static final int OK = 0;
    /** Exit code of a step that failed (an exception). */
    public static final int FAILED = 1;
    /** Exit code of a step called with bad arguments ({@link StepArgs.UsageException}). */
    public static final int USAGE = 2;

    /**
     * Ends a step's {@code main} with its exit code as spark-submit expects: return on {@link #OK}, else throw
     * {@link SparkUserAppException}, which YARN's ApplicationMaster and spark-submit turn into that exit code. Never
     * {@code System.exit}: in YARN cluster mode (every EMR step) an exit before {@code main} returns, even exit 0,
     * marks the application FAILED ("Shutdown hook called before final status was reported.") and YARN runs it again.
     */
    public static void exit(int code) throws SparkUserAppException {
        if (code != OK) {
            throw new SparkUserAppException(code);
        }
    }

    /**
     * Runs {@code body}; a failure exits {@link #FAILED}, bad arguments {@link #USAGE}. In cluster mode (every EMR step)
     * a failure is thrown instead, as a {@link StepFailedException} naming the step and the cause: an exit code alone
     * reaches EMR as "User application exited with status 1", without the culprit.
     */
    public static int run(String step, String[] args, Body body, PrintStream err) {
        return run(step, args, body, err, FAILED, true);
    }

    /**
     * Runs {@code body} of a step whose exit code is its result for the caller that reads it (verify, run by the CLI),
     * in either mode: a failure exits {@code failedCode} (a step whose result codes already use 1 picks another).
     */
    public static int exitCode(String step, String[] args, Body body, PrintStream err, int failedCode) {
        return run(step, args, body, err, failedCode, false);
    }

    private static int run(
            String step, String[] args, Body body, PrintStream err, int failedCode, boolean throwInClusterMode) {
        try {
            return body.run(args);
        } catch (StepArgs.UsageException e) {
            err.println(step + ": " + e.getMessage());
            return failed(USAGE, step + ": " + e.getMessage(), e, throwInClusterMode);
        } catch (Exception e) {
            err.println(step + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return failed(failedCode, step + " failed: " + e.getMessage(), e, throwInClusterMode);
        }
    }

    private static int failed(int code, String message, Exception cause, boolean throwInClusterMode) {
        if (throwInClusterMode && CLUSTER_MODE.equals(System.getProperty(DEPLOY_MODE))) {
            throw new StepFailedException(message, cause);
        }
        return code;
    }
}
