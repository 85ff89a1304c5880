package dev.lakepipe.steps;

import dev.lakepipe.steps.load.BronzeLoad;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;

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
        var arguments = StepArgs.parse("jdbc_load", args);
        var spark = StepSpark.session("jdbc_load " + arguments.required("table"));
        var table = StepConfigs.read(arguments.required("config"), spark.sparkContext().hadoopConfiguration())
                .table(arguments.required("table"));
        var result = new BronzeLoad(spark, SecretStore.forLocation(table.lake().secrets())).load(table);
        System.out.printf("jdbc_load %s: %d rows in %.1f s (%s reader), trx_seq %s -> %s%n", result.table(), result.rows(),
                result.duration().toMillis() / 1000.0, result.reader(), result.trxSeq(), result.path());
        return result;
    }
}
