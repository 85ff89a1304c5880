package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.plan.StepPlanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EMR step's {@code command-runner.jar} arguments, {@code spark-submit [options] --class <main> <jar> <args>},
 * taken apart as spark-submit does, so the local EMR can run the main class in its own JVM: {@code --conf k=v} and the
 * options that stand for a property ({@code --name}, {@code --executor-memory}, ...) become Spark properties (a key
 * outside {@code spark.*} is ignored, as spark-submit ignores it); {@code --jars} (else {@code spark.jars}) are the
 * extra jars of the step's classpath.
 */
public record SparkSubmitCommand(
        String mainClass, String applicationJar, Map<String, String> conf, List<String> jars, List<String> args) {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSubmitCommand.class);
    private static final String SPARK_JARS = "spark.jars";
    /** spark-submit's {@code --deploy-mode}: {@code cluster} on EMR, {@code client} when absent. */
    public static final String DEPLOY_MODE = "spark.submit.deployMode";

    /** YARN's {@code yarn.resourcemanager.am.max-attempts} on an EMR node: the most attempts an application gets. */
    static final int YARN_MAX_ATTEMPTS = 2;

    /** spark-submit options that set a Spark property (SparkSubmitArguments). */
    private static final Map<String, String> PROPERTY_OPTIONS = Map.of(
            "--name",
            "spark.app.name",
            "--driver-memory",
            "spark.driver.memory",
            "--driver-cores",
            "spark.driver.cores",
            "--executor-memory",
            "spark.executor.memory",
            "--executor-cores",
            "spark.executor.cores",
            "--num-executors",
            "spark.executor.instances",
            "--queue",
            "spark.yarn.queue",
            "--deploy-mode",
            DEPLOY_MODE);

    /** spark-submit options that take a value and mean nothing locally (one JVM in local mode). */
    private static final Set<String> IGNORED_WITH_VALUE =
            Set.of("--master", "--packages", "--files", "--py-files", "--properties-file");

    public SparkSubmitCommand {
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(applicationJar, "applicationJar is null");
        conf = Map.copyOf(conf);
        jars = List.copyOf(jars);
        args = List.copyOf(args);
    }

    /** The same command with {@code extra} added to its conf (the local EMR's own settings for the step JVM). */
    public SparkSubmitCommand withConf(Map<String, String> extra) {
        var merged = new LinkedHashMap<>(conf);
        merged.putAll(extra);
        return new SparkSubmitCommand(mainClass, applicationJar, merged, jars, args);
    }

    /** Whether the driver runs as YARN's ApplicationMaster runs it ({@code --deploy-mode cluster}, every EMR step). */
    public boolean clusterMode() {
        return conf.getOrDefault(DEPLOY_MODE, "client").equals("cluster");
    }

    /**
     * How many times YARN runs the application when an attempt fails: {@code spark.yarn.maxAppAttempts}, else YARN's
     * {@code yarn.resourcemanager.am.max-attempts} (2); once in client mode, where the driver is spark-submit's own JVM.
     */
    public int appAttempts() {
        if (!clusterMode()) {
            return 1;
        }
        var attempts = conf.getOrDefault(StepPlanner.MAX_APP_ATTEMPTS, Integer.toString(YARN_MAX_ATTEMPTS));
        try {
            var count = Integer.parseInt(attempts.strip());
            if (count >= 1) {
                return Math.min(count, YARN_MAX_ATTEMPTS);
            }
        } catch (NumberFormatException e) {
            // refused below, naming the property
        }
        throw new LakepipeException(
                "Invalid %s=%s of step %s: expected a whole number of at least 1",
                StepPlanner.MAX_APP_ATTEMPTS, attempts, mainClass);
    }

    public static SparkSubmitCommand parse(List<String> commandRunnerArgs) {
        requireNonNull(commandRunnerArgs, "commandRunnerArgs is null");
        if (commandRunnerArgs.isEmpty() || !commandRunnerArgs.get(0).equals("spark-submit")) {
            throw invalid(commandRunnerArgs, "the first argument must be spark-submit");
        }
        var conf = new LinkedHashMap<String, String>();
        String mainClass = null;
        String jars = null;
        int index = 1;
        while (index < commandRunnerArgs.size() && commandRunnerArgs.get(index).startsWith("--")) {
            String option = commandRunnerArgs.get(index);
            if (index + 1 >= commandRunnerArgs.size()) {
                throw invalid(commandRunnerArgs, option + " has no value");
            }
            String value = commandRunnerArgs.get(index + 1);
            if (option.equals("--class")) {
                mainClass = value;
            } else if (option.equals("--jars")) {
                jars = value;
            } else if (option.equals("--conf")) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw invalid(commandRunnerArgs, "--conf " + value + " is not key=value");
                }
                conf.put(value.substring(0, equals), value.substring(equals + 1));
            } else if (PROPERTY_OPTIONS.containsKey(option)) {
                conf.put(PROPERTY_OPTIONS.get(option), value);
            } else if (!IGNORED_WITH_VALUE.contains(option)) {
                throw invalid(commandRunnerArgs, "unsupported spark-submit option " + option);
            }
            index += 2;
        }
        if (mainClass == null) {
            throw invalid(commandRunnerArgs, "--class <main class> is missing");
        }
        if (index >= commandRunnerArgs.size()) {
            throw invalid(commandRunnerArgs, "the application jar is missing after the options");
        }
        var sparkConf = sparkProperties(conf);
        var jarList = jars != null ? jars : sparkConf.getOrDefault(SPARK_JARS, "");
        sparkConf.remove(SPARK_JARS);
        return new SparkSubmitCommand(
                mainClass,
                commandRunnerArgs.get(index),
                sparkConf,
                split(jarList),
                commandRunnerArgs.subList(index + 1, commandRunnerArgs.size()));
    }

    /** As spark-submit: a property outside {@code spark.*} is dropped with a warning. */
    private static Map<String, String> sparkProperties(Map<String, String> conf) {
        var properties = new LinkedHashMap<String, String>();
        conf.forEach((key, value) -> {
            if (key.startsWith("spark.")) {
                properties.put(key, value);
            } else {
                LOG.warn("Ignoring non-Spark config property: {}", key);
            }
        });
        return properties;
    }

    private static List<String> split(String jars) {
        var list = new ArrayList<String>();
        Arrays.stream(jars.split(","))
                .map(String::strip)
                .filter(jar -> !jar.isEmpty())
                .forEach(list::add);
        return list;
    }

    private static LakepipeException invalid(List<String> args, String reason) {
        return new LakepipeException(
                "Invalid EMR step arguments %s: %s; expected spark-submit [--jars a,b] [--conf k=v ...] --class <main> <jar> <args>",
                args, reason);
    }
}
