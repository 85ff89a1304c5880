package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.local.emr.SparkStepProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lakepipe sql}: the local Athena. Spark SQL over the local catalog's tables (silver and gold, by their Glue
 * names), run in a Spark JVM (docs/querying.md); without a query, an interactive prompt.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Query the lake's tables with Spark SQL (the local Athena).",
            "Tables are named as in the Glue catalog, e.g. tpcc_public_order_line; without QUERY: an interactive prompt."
        })
public final class SqlCommand implements Callable<Integer> {

    static final String SQL_MAIN = "dev.lakepipe.steps.sql.SqlMain";

    /** How a result prints. */
    enum Format {
        TABLE,
        CSV,
        JSON
    }

    @Mixin
    private OutputOptions output;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "QUERY",
            description = "One SQL statement; none: read statements from stdin.")
    private String query;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "table (aligned text), csv or json (one object a line); default ${DEFAULT-VALUE}.")
    private Format format = Format.TABLE;

    @Option(
            names = "--limit",
            paramLabel = "ROWS",
            converter = Counts.NonNegative.class,
            description = "Print at most ROWS rows (0: all); default ${DEFAULT-VALUE}.")
    private int limit = 100;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description = "Read every table as of this Hudi instant (time travel), e.g. 20261123110000000.")
    private String asOf;

    @Option(
            names = "--changes-since",
            paramLabel = "INSTANT",
            description =
                    "Read only the records changed after this Hudi instant (incremental query); with --as-of: up to that instant.")
    private String changesSince;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Local state folder (default: $LAKEPIPE_HOME or .lakepipe).")
    private Path home;

    @Override
    public Integer call() {
        try {
            var lakeHome = home != null ? home : LakepipeHome.resolve();
            var args = stepArgs(lakeHome, Instant.now());
            var process = SparkStepProcess.local();
            return query != null
                    ? process.runAttached(SQL_MAIN, args, output.out(), output.err())
                    : process.runInteractive(SQL_MAIN, args);
        } catch (LakepipeException e) {
            return output.fail(e);
        } catch (IOException e) {
            return output.fail(
                    new LakepipeException(e, "Failed to start the Spark JVM of lakepipe sql: %s", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return output.fail(new LakepipeException(e, "Interrupted"));
        }
    }

    /** The arguments of {@code SqlMain}; Spark's own log goes to {@code <logs bucket>/local/sql-<millis>/spark.log}. */
    List<String> stepArgs(Path lakeHome, Instant now) {
        var catalog = lakeHome.resolve("catalog").toAbsolutePath();
        if (!Files.isDirectory(catalog)) {
            throw new LakepipeException(
                    "No catalog at %s: no table has been seeded there; run 'lakepipe demo' (or seed_hudi),"
                            + " or point --home / LAKEPIPE_HOME at the state folder",
                    catalog);
        }
        var args = new ArrayList<>(List.of(
                "--catalog",
                catalog.toString(),
                "--format",
                format.name().toLowerCase(Locale.ROOT),
                "--limit",
                Integer.toString(limit),
                "--log",
                LakepipeHome.sparkLog(lakeHome, "sql", now).toString()));
        if (query != null) {
            args.addAll(List.of("--query", query));
        }
        if (asOf != null) {
            args.addAll(List.of("--as-of", asOf));
        }
        if (changesSince != null) {
            args.addAll(List.of("--changes-since", changesSince));
        }
        return args;
    }
}
