package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.SourcePreflight;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.spark.SparkUserAppException;

/**
 * EMR step {@code source check}, the first state of a jdbc_load run: {@code --config <snapshot uri> [--table
 * <schema.table> ...]}. Runs {@link SourcePreflight} as the Spark secret's user against the tables of the run (every
 * enabled table without {@code --table}), prints every finding, and fails when one is an error, so the state machine
 * stops before a full load that would break.
 */
public final class SourceCheckStep {

    private static final String STEP = "source check";

    private SourceCheckStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(StepMain.run(STEP, args, arguments -> run(arguments, System.out), System.err));
    }

    /** Prints the findings to {@code out}; returns 0, or throws naming every error. */
    public static int run(String[] args, PrintStream out) throws SQLException {
        var arguments = StepArgs.parse(STEP, args);
        // A Spark application like every cluster-mode step: YARN's ApplicationMaster fails a driver that has not
        // started a SparkContext within spark.yarn.am.waitTime, however well its main ends.
        var spark = StepSpark.session(STEP);
        var configs = StepConfigs.read(
                arguments.required("config"), spark.sparkContext().hadoopConfiguration());
        var tables = arguments.values().containsKey("table")
                ? arguments.all("table").stream().map(configs::table).toList()
                : configs.tables();
        if (tables.isEmpty()) {
            throw new LakepipeException(
                    "Cannot check the source of %s: no enabled table", arguments.required("config"));
        }
        var secret = SecretStore.forLocation(tables.get(0).lake().secrets())
                .databaseSecret(tables.get(0).secretName());
        SourcePreflight.Report report;
        try (var connection = DriverManager.getConnection(secret.jdbcUrl(), secret.connectionProperties())) {
            connection.setReadOnly(true);
            report = SourcePreflight.report(
                    connection,
                    SourcePreflight.Settings.forSparkUser(secret.username()),
                    tables.stream()
                            .map(table -> SourcePreflight.Table.of(table.step()))
                            .toList());
        }
        report.lines().forEach(out::println);
        out.flush();
        var errors = report.errors();
        if (!errors.isEmpty()) {
            throw new LakepipeException(
                    "The source of %s is not ready for the pipeline (%d errors); fix them and launch again: %s",
                    tables.get(0).identifier(),
                    errors.size(),
                    String.join(" | ", errors.stream().map(Object::toString).toList()));
        }
        return StepMain.OK;
    }
}
