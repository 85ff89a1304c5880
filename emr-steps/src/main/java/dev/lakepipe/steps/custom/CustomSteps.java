package dev.lakepipe.steps.custom;

import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.StepMain;
import dev.lakepipe.steps.spark.StepSpark;
import org.apache.spark.SparkUserAppException;

/** Runs a {@link CustomStep} under the step contract: {@code --config <snapshot uri>} then the step's {@code entrypoint.args}. */
public final class CustomSteps {

    private CustomSteps() {}

    /** The {@code main} of a custom step: returns when it succeeded, else ends with exit code 1 (failed) or 2 (bad arguments), {@link StepMain#exit}. */
    public static void main(String name, CustomStep step, String[] args) throws SparkUserAppException {
        StepMain.exit(run(name, step, args));
    }

    /** Runs the step in this JVM and returns the exit code ({@link #main} without the exit, for tests). */
    public static int run(String name, CustomStep step, String[] args) {
        return StepMain.run(
                name,
                args,
                arguments -> {
                    step.run(context(name, arguments));
                    return 0;
                },
                System.err);
    }

    /** The context of one run: parses the arguments, reads the snapshot, opens the step's SparkSession. */
    public static CustomStepContext context(String name, String... args) {
        var arguments = StepArgs.parse(name, args);
        var spark = StepSpark.hudiSession(name);
        var configs = StepConfigs.read(
                arguments.required("config"), spark.sparkContext().hadoopConfiguration());
        return new CustomStepContext(name, spark, configs, arguments);
    }
}
