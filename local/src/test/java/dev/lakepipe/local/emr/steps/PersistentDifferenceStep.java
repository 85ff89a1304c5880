package dev.lakepipe.local.emr.steps;

import dev.lakepipe.steps.VerifyStep;
import java.util.Arrays;

/**
 * Stands for a live verify step that found a persistent difference in its {@code --table}: prints the verify step's
 * own verdict line ({@link VerifyStep#PERSISTENT_LINE}) and exits {@link VerifyStep#DIFFERENT} as a step does, through
 * {@code SparkUserAppException} (loaded by name: this module compiles without Spark).
 */
public final class PersistentDifferenceStep {

    private PersistentDifferenceStep() {}

    public static void main(String[] args) throws Exception {
        var table = args[Arrays.asList(args).indexOf("--table") + 1];
        System.out.println(VerifyStep.PERSISTENT_LINE + table);
        throw (Exception) Class.forName("org.apache.spark.SparkUserAppException")
                .getConstructor(int.class)
                .newInstance(VerifyStep.DIFFERENT);
    }
}
