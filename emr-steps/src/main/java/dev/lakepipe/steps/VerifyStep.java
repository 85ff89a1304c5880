package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.verify.LiveVerification;
import dev.lakepipe.steps.verify.TableVerification;
import dev.lakepipe.steps.verify.TableVerifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.SparkUserAppException;

/**
 * {@code verify}: {@code --config <snapshot uri> [--table a.b[,c.d]] [--mode live [--catch-up-wait <seconds>]]}.
 * Compares every enabled table (or the named ones) of the snapshot with its silver table; {@code --mode live} while
 * the source and the apply run, re-checking the keys that differ ({@link #verifyLive}). Exit codes, distinct so a script can tell "the lake
 * differs" from "verify did not run": {@link #EQUAL}, {@link #DIFFERENT}, {@link #USAGE}, {@link #FAILED}.
 */
public final class VerifyStep {

    private static final int SAMPLE = 10;

    /** Every table equals its source. */
    public static final int EQUAL = StepMain.OK;
    /** At least one table differs from its source (each one printed with sample keys). */
    public static final int DIFFERENT = 1;
    /** Bad arguments, or a --table the snapshot does not have. */
    public static final int USAGE = StepMain.USAGE;
    /** Verify could not compare (unreadable snapshot, source down, silver table missing, ...). */
    public static final int FAILED = 3;

    /** How long a live verify waits, each time, for the apply to pass a source read. */
    public static final Duration DEFAULT_CATCH_UP_WAIT = Duration.ofMinutes(5);

    /** Starts the line that names the tables whose differences persist; {@code lakepipe verify} reloads them. */
    public static final String PERSISTENT_LINE = "verify: tables that differ persistently: ";

    private VerifyStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(exitCode(args, System.err));
    }

    /** Runs verify as {@link #main} does: the result printed to stdout, the exit code returned. */
    public static int exitCode(String[] args, PrintStream err) {
        return StepMain.exitCode("verify", args, VerifyStep::run, err, FAILED);
    }

    public static int run(String[] args) {
        if (live(StepArgs.parse("verify", args))) {
            var results = verifyLive(args);
            printLive(results, System.out);
            return results.stream().allMatch(LiveVerification::matches) ? EQUAL : DIFFERENT;
        }
        var results = verify(args);
        print(results, System.out);
        return results.stream().allMatch(TableVerification::matches) ? EQUAL : DIFFERENT;
    }

    public static List<TableVerification> verify(String... args) {
        return eachTable(args, TableVerifier::verify);
    }

    /**
     * Verify while the source is live ({@code --mode live [--catch-up-wait <seconds>]}; docs/operations.md, "Verify
     * while the source is live").
     */
    public static List<LiveVerification> verifyLive(String... args) {
        var wait = catchUpWait(StepArgs.parse("verify", args));
        return eachTable(args, (verifier, table) -> verifier.verifyLive(table, wait));
    }

    private static <T> List<T> eachTable(String[] args, BiFunction<TableVerifier, StepTable, T> verify) {
        var arguments = StepArgs.parse("verify", args);
        live(arguments);
        catchUpWait(arguments);
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
        var results = new ArrayList<T>();
        for (var table : tables) {
            var secret = SecretStore.forLocation(table.environment().secrets())
                    .databaseSecret(table.database().secret());
            results.add(verify.apply(new TableVerifier(spark, secret), table));
        }
        return results;
    }

    private static boolean live(StepArgs arguments) {
        return arguments
                .optional("mode")
                .map(mode -> switch (mode) {
                    case "live" -> true;
                    case "quiet" -> false;
                    default ->
                        throw new StepArgs.UsageException(
                                "Invalid verify arguments: --mode %s; expected live or quiet", mode);
                })
                .orElse(false);
    }

    private static Duration catchUpWait(StepArgs arguments) {
        var value = arguments.optional("catch-up-wait").orElse(String.valueOf(DEFAULT_CATCH_UP_WAIT.toSeconds()));
        if (!value.matches("[1-9][0-9]{0,8}")) {
            throw new StepArgs.UsageException(
                    "Invalid verify arguments: --catch-up-wait %s; expected a positive number of seconds", value);
        }
        return Duration.ofSeconds(Long.parseLong(value));
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

    /** One line per table with the counts of a live verify, its persistent and unsettled keys, then the verdict. */
    public static void printLive(List<LiveVerification> results, PrintStream out) {
        out.printf("%-24s %14s %11s %11s  %s%n", "table", "keys compared", "re-checked", "persistent", "result");
        for (var result : results) {
            out.printf(
                    "%-24s %14d %11d %11d  %s%n",
                    result.compared().table(),
                    result.keysCompared(),
                    result.keysRechecked(),
                    result.persistent().size(),
                    result.matches() ? "equal" : "DIFFERENT");
            if (!result.matches()) {
                out.printf("  persistent differences (sample): %s%n", sample(result.persistent()));
            }
            if (!result.unsettled().isEmpty()) {
                out.printf(
                        "  %d keys changed at the source in every round and were not settled (sample): %s;"
                                + " verify again when they are quieter%n",
                        result.unsettled().size(), sample(result.unsettled()));
            }
        }
        out.printf(
                "verify --live: %d keys compared, %d re-checked, %d persistent differences%n",
                results.stream().mapToLong(LiveVerification::keysCompared).sum(),
                results.stream().mapToLong(LiveVerification::keysRechecked).sum(),
                results.stream().mapToLong(result -> result.persistent().size()).sum());
        var differing = results.stream()
                .filter(result -> !result.matches())
                .map(result -> result.compared().table())
                .toList();
        out.println(
                differing.isEmpty()
                        ? "verify: all " + results.size() + " tables equal"
                        : PERSISTENT_LINE + String.join(" ", differing));
    }

    private static List<String> sample(List<String> keys) {
        return keys.subList(0, Math.min(keys.size(), SAMPLE));
    }
}
