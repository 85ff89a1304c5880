package dev.lakepipe.steps;

import dev.lakepipe.steps.hudi.SeedHudi;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkUserAppException;

/**
 * EMR step {@code seed_hudi}: {@code --config <snapshot uri> --table <schema.table> [--table ...]}. Bulk-inserts each
 * table's bronze full load into its silver Hudi table and registers it in the catalog; the tables of a step group
 * concurrently ({@link TableGroupRun}). An existing silver table is replaced in one commit (a reload, {@link SeedHudi}).
 */
public final class SeedHudiStep {

    private static final String STEP = "seed_hudi";

    private SeedHudiStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(StepMain.run(STEP, args, SeedHudiStep::run, System.err));
    }

    public static int run(String[] args) {
        seedAll(args);
        return 0;
    }

    /** Seeds the one table of {@code args}. */
    public static SeedHudi.SeedResult seed(String... args) {
        return TableGroupRun.onlyResult(seedAll(args));
    }

    /** The result of each table, in the order they finished; throws if any table failed, once the others finished. */
    public static List<SeedHudi.SeedResult> seedAll(String... args) {
        var context = StepMain.tableStep(STEP, true, args);
        var seed = new SeedHudi(context.spark(), context.secrets());
        return new TableGroupRun(STEP, context.spark(), System.out)
                .runAndReport(
                        context.tables(),
                        TableGroupRun.DEFAULT_PARALLELISM,
                        seed::seed,
                        result -> String.format(
                                Locale.ROOT,
                                "seed_hudi %s: %d rows in %.1f s -> %s (%s)%s",
                                result.table(),
                                result.rows(),
                                result.duration().toMillis() / 1000.0,
                                result.target(),
                                result.location(),
                                result.reload() ? ", replaced in one commit (reload)" : ""));
    }
}
