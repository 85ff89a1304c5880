package dev.lakepipe.steps;

import dev.lakepipe.steps.load.BronzeLoad;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkUserAppException;

/**
 * EMR step {@code jdbc_load}: {@code --config <snapshot uri> --table <schema.table> [--table ...]}. Reads each table
 * under one exported snapshot and writes bronze parquet to {@code <bronze>/full/<db>/<schema>/<table>/}; the tables of
 * a step group concurrently ({@link TableGroupRun}).
 */
public final class JdbcLoadStep {

    private static final String STEP = "jdbc_load";

    private JdbcLoadStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(StepMain.run(STEP, args, JdbcLoadStep::run, System.err));
    }

    public static int run(String[] args) {
        loadAll(args);
        return 0;
    }

    /** Loads the one table of {@code args}. */
    public static BronzeLoad.LoadResult load(String... args) {
        return TableGroupRun.onlyResult(loadAll(args));
    }

    /** The result of each table, in the order they finished; throws if any table failed, once the others finished. */
    public static List<BronzeLoad.LoadResult> loadAll(String... args) {
        var context = StepMain.tableStep(STEP, false, args);
        var load = new BronzeLoad(context.spark(), context.secrets());
        return new TableGroupRun(STEP, context.spark(), System.out)
                .runAndReport(
                        context.tables(),
                        TableGroupRun.DEFAULT_PARALLELISM,
                        load::load,
                        result -> String.format(
                                Locale.ROOT,
                                "jdbc_load %s: %d rows in %.1f s (%s reader), trx_seq %s -> %s",
                                result.table(),
                                result.rows(),
                                result.duration().toMillis() / 1000.0,
                                result.reader(),
                                result.trxSeq(),
                                result.path()));
    }
}
