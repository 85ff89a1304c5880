package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.trino.TrinoInstall;
import dev.lakepipe.local.trino.TrinoServer;
import dev.lakepipe.sqlclient.QueryRunner;
import dev.lakepipe.sqlclient.ResultPrinter;
import dev.lakepipe.sqlclient.SnapshotTables;
import dev.lakepipe.sqlclient.SqlClientException;
import dev.lakepipe.sqlclient.SqlFormat;
import dev.lakepipe.sqlclient.StateFolder;
import dev.lakepipe.sqlclient.TrinoSession;
import dev.lakepipe.sqlclient.WarmQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * {@code lakepipe sql}: the local Athena. By default Trino, the engine of Athena v3, over the metastore the pipelines
 * keep in the local catalog folder (a warm server, started by the first query, {@link TrinoServer}); {@code --engine
 * spark}: Spark SQL in a Spark JVM, for the Hudi reads Athena lacks (time travel, incremental queries). Silver and gold
 * tables by their Glue names (docs/querying.md); without a query, an interactive prompt.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Query the lake's tables as Athena does (Trino, Athena engine v3's dialect; --engine spark: Spark SQL).",
            "Tables are named as in the Glue catalog, e.g. tpcc_public_order_line; without QUERY: an interactive prompt.",
            "The first query starts a Trino server (Java 24+) that later queries reuse; --stop stops it."
        })
public final class SqlCommand implements Callable<Integer> {

    static final String SQL_MAIN = "dev.lakepipe.steps.sql.SqlMain";

    /** The engine a query runs on. */
    enum Engine {
        TRINO,
        SPARK
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
    private SqlFormat format = SqlFormat.TABLE;

    @Option(
            names = "--limit",
            paramLabel = "ROWS",
            converter = Counts.NonNegative.class,
            description = "Print at most ROWS rows (0: all); default ${DEFAULT-VALUE}.")
    private int limit = ResultPrinter.DEFAULT_LIMIT;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description = "trino (Athena's engine and dialect) or spark (Spark SQL, with --as-of and --changes-since);"
                    + " default ${DEFAULT-VALUE}.")
    private Engine engine = Engine.TRINO;

    @Option(names = "--stop", description = "Stop the Trino server of this state folder, then exit.")
    private boolean stop;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description =
                    "Read every table as of this Hudi instant (time travel, --engine spark only), e.g. 20261123110000000.")
    private String asOf;

    @Option(
            names = "--changes-since",
            paramLabel = "INSTANT",
            description =
                    "Read only the records changed after this Hudi instant (incremental query, --engine spark only);"
                            + " with --as-of: up to that instant.")
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
            if (stop) {
                var stopped = trinoServer(lakeHome).stop();
                output.info(stopped ? "Trino stopped" : "No Trino server runs for " + lakeHome);
                return 0;
            }
            if (engine == Engine.TRINO) {
                return runOnTrino(lakeHome);
            }
            var args = stepArgs(lakeHome, Instant.now());
            var process = SparkStepProcess.local();
            return query != null
                    ? process.runAttached(SQL_MAIN, args, output.out(), output.err())
                    : process.runInteractive(SQL_MAIN, args);
        } catch (LakepipeException | SqlClientException e) {
            return output.fail(e);
        } catch (IOException e) {
            return output.fail(
                    new LakepipeException(e, "Failed to start the Spark JVM of lakepipe sql: %s", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return output.fail(new LakepipeException(e, "Interrupted"));
        }
    }

    /**
     * A query: the server's port, then the HTTP protocol, as the warm path of {@code bin/lakepipe} runs it
     * ({@link WarmQuery}); the prompt: Trino's JDBC driver, which keeps a session across statements.
     */
    private int runOnTrino(Path lakeHome) throws IOException {
        if (asOf != null || changesSince != null) {
            throw new LakepipeException(
                    "Invalid option %s: Trino (like Athena) has no time travel or incremental reads of Hudi tables;"
                            + " add --engine spark",
                    asOf != null ? "--as-of" : "--changes-since");
        }
        var catalog = catalogFolder(lakeHome);
        if (!StateFolder.hasTrinoMetastore(catalog)) {
            throw new LakepipeException(
                    "No Trino metastore in %s: its tables were registered before lakepipe sql ran on Trino;"
                            + " rerun seed_hudi (or 'lakepipe demo') to register them, or add --engine spark",
                    catalog);
        }
        var server = trinoServer(lakeHome);
        var database = StateFolder.defaultDatabase(catalog);
        var printer = new ResultPrinter(format, limit);
        var snapshots = new SnapshotTables(catalog);
        if (query != null) {
            new QueryRunner(TrinoSession.local(server.port(), database, server.log()), printer, snapshots)
                    .run(query, output.out(), output.err());
            return 0;
        }
        try (var connection = server.connect(database)) {
            new TrinoQueries(connection, printer, snapshots)
                    .repl(
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                            output.out(),
                            output.err());
            return 0;
        } catch (SQLException e) {
            throw TrinoQueries.refused(e);
        }
    }

    private static TrinoServer trinoServer(Path lakeHome) {
        return new TrinoServer(lakeHome, lakeHome.resolve("catalog"), TrinoInstall.resolved());
    }

    /** The arguments of {@code SqlMain}; Spark's own log goes to {@code <logs bucket>/local/sql-<millis>/spark.log}. */
    List<String> stepArgs(Path lakeHome, Instant now) {
        var catalog = catalogFolder(lakeHome);
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

    private static Path catalogFolder(Path lakeHome) {
        var catalog = StateFolder.catalog(lakeHome);
        if (!Files.isDirectory(catalog)) {
            throw new LakepipeException(
                    "No catalog at %s: no table has been seeded there; run 'lakepipe demo' (or seed_hudi),"
                            + " or point --home / LAKEPIPE_HOME at the state folder",
                    catalog);
        }
        return catalog;
    }
}
