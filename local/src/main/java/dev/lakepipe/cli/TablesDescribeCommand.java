package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.local.emr.SparkStepProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lakepipe tables describe T}: file count and sizes (latest file slices and on storage), commits, last cleaner and
 * clustering run, lag behind the newest captured change; computed in a Spark JVM ({@code dev.lakepipe.steps.describe.TableDescribeMain}).
 */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = "Files (count, average and smallest size), commits, last cleaner and clustering run,"
                + " and how far one table is behind its newest captured CDC change.")
public final class TablesDescribeCommand implements Callable<Integer> {

    static final String DESCRIBE_MAIN = "dev.lakepipe.steps.describe.TableDescribeMain";

    /** How the facts print. */
    enum Format {
        TABLE,
        JSON
    }

    @Mixin
    private OutputOptions output;

    @Parameters(
            index = "0",
            paramLabel = "TABLE",
            description = "The Glue table name (e.g. tpcc_public_order_line) or database.table.")
    private String table;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "table (aligned text) or json; default ${DEFAULT-VALUE}.")
    private Format format = Format.TABLE;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Local state folder (default: $LAKEPIPE_HOME or .lakepipe).")
    private Path home;

    @Override
    public Integer call() {
        try {
            var args = stepArgs(home != null ? home : LakepipeHome.resolve(), Instant.now());
            return SparkStepProcess.local().runAttached(DESCRIBE_MAIN, args, output.out(), output.err());
        } catch (LakepipeException e) {
            return output.fail(e);
        } catch (IOException e) {
            return output.fail(new LakepipeException(
                    e, "Failed to start the Spark JVM of lakepipe tables describe: %s", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return output.fail(new LakepipeException(e, "Interrupted"));
        }
    }

    /**
     * The arguments of {@code TableDescribeMain}: the catalog, the table, the apply jobs' status folder, and where Spark's
     * own log goes ({@code <logs bucket>/local/describe-<millis>/spark.log}).
     */
    List<String> stepArgs(Path lakeHome, Instant now) {
        var catalog = lakeHome.resolve("catalog").toAbsolutePath();
        if (!Files.isDirectory(catalog)) {
            throw new LakepipeException(
                    "No catalog at %s: no table has been seeded there; run 'lakepipe demo' (or seed_hudi),"
                            + " or point --home / LAKEPIPE_HOME at the state folder",
                    catalog);
        }
        return List.of(
                "--catalog",
                catalog.toString(),
                "--table",
                table,
                "--format",
                format.name().toLowerCase(Locale.ROOT),
                "--status-dir",
                lakeHome.resolve("s3/lakepipe-logs/cdc").toAbsolutePath().toString(),
                "--log",
                LakepipeHome.sparkLog(lakeHome, "describe", now).toString());
    }
}
