package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.verify.TableVerification;
import dev.lakepipe.steps.verify.TableVerifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkUserAppException;

/**
 * {@code verify}: {@code --config <snapshot uri> [--table a.b[,c.d]]}. Compares every enabled
 * table (or the named ones) of the snapshot with its silver table. Exit codes, distinct so a script can tell "the lake
 * differs" from "verify did not run": {@link #EQUAL}, {@link #DIFFERENT}, {@link #USAGE}, {@link #FAILED}.
 */
public final class VerifyStep {

    /** Every table equals its source. */
    public static final int EQUAL = StepMain.OK;
    /** At least one table differs from its source (each one printed with sample keys). */
    public static final int DIFFERENT = 1;
    /** Bad arguments, or a --table the snapshot does not have. */
    public static final int USAGE = StepMain.USAGE;
    /** Verify could not compare (unreadable snapshot, source down, silver table missing, ...). */
    public static final int FAILED = 3;

    private VerifyStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(exitCode(args, System.err));
    }

    /** Runs verify as {@link #main} does: the result printed to stdout, the exit code returned. */
    public static int exitCode(String[] args, PrintStream err) {
        return StepMain.run("verify", args, VerifyStep::run, err, FAILED);
    }

    public static int run(String[] args) {
        var results = verify(args);
        print(results, System.out);
        return results.stream().allMatch(TableVerification::matches) ? EQUAL : DIFFERENT;
    }

    public static List<TableVerification> verify(String... args) {
        var arguments = StepArgs.parse("verify", args);
        var spark = StepSpark.hudiSession("verify");
        var configs = StepConfigs.read(
                arguments.required("config"), spark.sparkContext().hadoopConfiguration());
        var tables = arguments
                .optional("table")
                .map(names -> Arrays.stream(names.split(","))
                        .map(String::trim)
                        .map(name -> requestedTable(configs, name))
                        .toList())
                .orElseGet(configs::tables);
        var results = new ArrayList<TableVerification>();
        for (var table : tables) {
            var secret = SecretStore.forLocation(table.environment().secrets())
                    .databaseSecret(table.database().secret());
            results.add(new TableVerifier(spark, secret).verify(table));
        }
        return results;
    }

    private static StepTable requestedTable(StepConfigs configs, String name) {
        try {
            return configs.table(name);
        } catch (LakepipeException e) {
            throw new StepArgs.UsageException("%s", e.getMessage());
        }
    }

    /** One line per table, then the verdict; {@code lakepipe verify} and the demo show this. */
    public static void print(List<TableVerification> results, PrintStream out) {
        out.printf("%-24s %12s %12s  %s%n", "table", "source rows", "silver rows", "result");
        for (var result : results) {
            out.printf(
                    "%-24s %12d %12d  %s%n",
                    result.table(),
                    result.source().rows(),
                    result.silver().rows(),
                    result.matches() ? "equal" : "DIFFERENT");
            if (!result.matches()) {
                out.printf(
                        "  checksum source %s/%d, silver %s/%d; differing keys (sample): %s%n",
                        result.source().hashSum().toPlainString(),
                        result.source().hashXor(),
                        result.silver().hashSum().toPlainString(),
                        result.silver().hashXor(),
                        result.differingKeys());
            }
        }
        var failed = results.stream().filter(result -> !result.matches()).count();
        out.println(
                failed == 0
                        ? "verify: all " + results.size() + " tables equal"
                        : "verify: " + failed + " of " + results.size() + " tables differ");
    }
}
