package dev.lakepipe.steps.custom;

/**
 * The extension point of custom pipelines: one step of {@code pipeline::custom::<name>}, configured by a
 * {@code step::<name>::<step>} item whose {@code entrypoint.class} is a class with a {@code main} that hands an
 * implementation to {@link CustomSteps#main}:
 *
 * <pre>{@code
 * public final class TopCustomers implements CustomStep {
 *     public static void main(String[] args) throws SparkUserAppException {
 *         CustomSteps.main("top_customers", new TopCustomers(), args);
 *     }
 *
 *     public void run(CustomStepContext context) {
 *         var rows = context.sql("SELECT c_w_id, c_d_id, c_id, c_balance FROM tpcc_lake.tpcc_public_customer ORDER BY c_balance DESC LIMIT 100");
 *         context.goldWriter(context.goldTable("top_customers", List.of("c_w_id", "c_d_id", "c_id"), List.of())).overwrite(rows, Map.of());
 *     }
 * }
 * }</pre>
 *
 * A step that is one Spark SQL query needs no class at all: see {@link SqlStep}. docs/consumption.md has the how-to.
 */
@FunctionalInterface
public interface CustomStep {

    /** Runs the step; a thrown exception fails it (exit code 1, message and stack trace on stderr). */
    void run(CustomStepContext context) throws Exception;
}
