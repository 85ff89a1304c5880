package dev.lakepipe.steps;

import dev.lakepipe.steps.load.BronzeLoad;

/**
 * EMR step {@code jdbc_load}: {@code --config <snapshot uri> --table <schema.table>}. Reads the table
 * under one exported snapshot and writes bronze parquet to {@code <bronze>/full/<db>/<schema>/<table>/}.
 */
public final class JdbcLoadStep {

    private JdbcLoadStep() {}

    public static void main(String[] args) {
        System.exit(StepMain.run("jdbc_load", args, JdbcLoadStep::run, System.err));
    }

    public static int run(String[] args) {
        load(args);
        return 0;
    }

    public static BronzeLoad.LoadResult load(String... args) {
        var context = StepMain.tableStep("jdbc_load", false, args);
        var result = new BronzeLoad(context.spark(), context.secrets()).load(context.table());
        System.out.printf(
                "jdbc_load %s: %d rows in %.1f s (%s reader), trx_seq %s -> %s%n",
                result.table(),
                result.rows(),
                result.duration().toMillis() / 1000.0,
                result.reader(),
                result.trxSeq(),
                result.path());
        return result;
    }
}
