package dev.lakepipe.steps;

import dev.lakepipe.steps.hudi.SeedHudi;

/**
 * EMR step {@code seed_hudi}: {@code --config <snapshot uri> --table <schema.table>}. Bulk-inserts
 * the table's bronze full load into its silver Hudi table and registers it in the catalog.
 */
public final class SeedHudiStep {

    private SeedHudiStep() {}

    public static void main(String[] args) {
        System.exit(StepMain.run("seed_hudi", args, SeedHudiStep::run, System.err));
    }

    public static int run(String[] args) {
        seed(args);
        return 0;
    }

    public static SeedHudi.SeedResult seed(String... args) {
        var context = StepMain.tableStep("seed_hudi", true, args);
        var result = new SeedHudi(context.spark(), context.secrets()).seed(context.table());
        System.out.printf(
                "seed_hudi %s: %d rows in %.1f s -> %s (%s)%n",
                result.table(),
                result.rows(),
                result.duration().toMillis() / 1000.0,
                result.target(),
                result.location());
        return result;
    }
}
