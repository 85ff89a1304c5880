package dev.lakepipe.steps;

import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.verify.TableVerification;
import dev.lakepipe.steps.verify.TableVerifier;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code verify}: {@code --config <snapshot uri> [--table a.b[,c.d]]}. Compares every enabled
 * table (or the named ones) of the snapshot with its silver table; exit 0 only when all match.
 */
public final class VerifyStep {

    private VerifyStep() {}

    public static void main(String[] args) {
        System.exit(StepMain.run("verify", args, VerifyStep::run, System.err));
    }

    public static int run(String[] args) {
        var results = verify(args);
        print(results, System.out);
        return results.stream().allMatch(TableVerification::matches) ? 0 : 1;
    }

    public static List<TableVerification> verify(String... args) {
        var arguments = StepArgs.parse("verify", args);
        var spark = StepSpark.hudiSession("verify");
        var configs = StepConfigs.read(arguments.required("config"), spark.sparkContext().hadoopConfiguration());
        var tables = arguments.optional("table")
                .map(names -> Arrays.stream(names.split(",")).map(String::trim).map(configs::table).toList())
                .orElseGet(configs::tables);
        var results = new ArrayList<TableVerification>();
        for (var table : tables) {
            var secret = SecretStore.forLocation(table.environment().secrets()).databaseSecret(table.database().secret());
            results.add(new TableVerifier(spark, secret).verify(table));
        }
        return results;
    }

    /** One line per table, then the verdict; {@code lakepipe verify} and the demo show this. */
    public static void print(List<TableVerification> results, PrintStream out) {
        out.printf("%-24s %12s %12s  %s%n", "table", "source rows", "silver rows", "result");
        for (var result : results) {
            out.printf("%-24s %12d %12d  %s%n", result.table(), result.source().rows(), result.silver().rows(),
                    result.matches() ? "equal" : "DIFFERENT");
            if (!result.matches()) {
                out.printf("  checksum source %s/%d, silver %s/%d; differing keys (sample): %s%n",
                        result.source().hashSum().toPlainString(), result.source().hashXor(),
                        result.silver().hashSum().toPlainString(), result.silver().hashXor(), result.differingKeys());
            }
        }
        var failed = results.stream().filter(result -> !result.matches()).count();
        out.println(failed == 0 ? "verify: all " + results.size() + " tables equal" : "verify: " + failed + " of " + results.size() + " tables differ");
    }
}
