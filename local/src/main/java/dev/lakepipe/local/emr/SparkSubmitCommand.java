package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EMR step's {@code command-runner.jar} arguments, {@code spark-submit [options] --class <main> <jar> <args>},
 * taken apart so the local EMR can run the main class in its own JVM: {@code --conf k=v} become system
 * properties, the jar is the emr-steps jar (already on the step classpath), the rest are the step args.
 */
public record SparkSubmitCommand(String mainClass, String applicationJar, Map<String, String> conf, List<String> args) {

    /** spark-submit options that take a value and mean nothing locally (one JVM in local mode). */
    private static final Set<String> IGNORED_WITH_VALUE = Set.of(
            "--deploy-mode", "--master", "--jars", "--packages", "--files", "--py-files", "--name", "--driver-memory",
            "--executor-memory", "--executor-cores", "--num-executors", "--driver-cores", "--queue", "--properties-file");

    public SparkSubmitCommand {
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(applicationJar, "applicationJar is null");
        conf = Map.copyOf(conf);
        args = List.copyOf(args);
    }

    public static SparkSubmitCommand parse(List<String> commandRunnerArgs) {
        requireNonNull(commandRunnerArgs, "commandRunnerArgs is null");
        if (commandRunnerArgs.isEmpty() || !commandRunnerArgs.get(0).equals("spark-submit")) {
            throw invalid(commandRunnerArgs, "the first argument must be spark-submit");
        }
        var conf = new LinkedHashMap<String, String>();
        String mainClass = null;
        int index = 1;
        while (index < commandRunnerArgs.size() && commandRunnerArgs.get(index).startsWith("--")) {
            String option = commandRunnerArgs.get(index);
            if (index + 1 >= commandRunnerArgs.size()) {
                throw invalid(commandRunnerArgs, option + " has no value");
            }
            String value = commandRunnerArgs.get(index + 1);
            if (option.equals("--class")) {
                mainClass = value;
            } else if (option.equals("--conf")) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw invalid(commandRunnerArgs, "--conf " + value + " is not key=value");
                }
                conf.put(value.substring(0, equals), value.substring(equals + 1));
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
        return new SparkSubmitCommand(mainClass, commandRunnerArgs.get(index), conf,
                commandRunnerArgs.subList(index + 1, commandRunnerArgs.size()));
    }

    private static LakepipeException invalid(List<String> args, String reason) {
        return new LakepipeException("Invalid EMR step arguments %s: %s; expected spark-submit [--conf k=v ...] --class <main> <jar> <args>",
                args, reason);
    }
}
