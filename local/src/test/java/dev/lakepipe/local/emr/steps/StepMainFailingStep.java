package dev.lakepipe.local.emr.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.StepMain;
import java.lang.reflect.InvocationTargetException;

/**
 * A step that ends as every lakepipe step does, {@code StepMain.exit(StepMain.run(...))}: {@code throw} fails its body
 * naming the culprit and the fix, a number returns that exit code. ({@code exit} is called reflectively: it throws
 * Spark's SparkUserAppException, and Spark is on the step JVM's classpath, not on this module's.)
 */
public final class StepMainFailingStep {

    private StepMainFailingStep() {}

    public static void main(String[] args) throws Throwable {
        var code = StepMain.run(
                "jdbc_load",
                args,
                arguments -> {
                    if (arguments[0].equals("throw")) {
                        throw new LakepipeException(
                                "Cannot load public.orders: the source has no table public.orders; fix the config's"
                                        + " table name or create the table");
                    }
                    return Integer.parseInt(arguments[0]);
                },
                System.err);
        try {
            StepMain.class.getMethod("exit", int.class).invoke(null, code);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
