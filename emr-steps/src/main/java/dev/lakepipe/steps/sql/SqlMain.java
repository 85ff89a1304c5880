package dev.lakepipe.steps.sql;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.sqlclient.ResultPrinter;
import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.spark.SparkLog;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lakepipe sql}'s Spark JVM: Spark SQL over the local catalog's tables (see {@link SqlOptions}). With
 * {@code --query} it runs one statement and exits 0, or 1 on an error; without, it reads statements ending in
 * {@code ;} from stdin, printing each result, until {@code quit;} or end of input. Results print through the Trino
 * engine's {@link ResultPrinter} ({@link SparkResult}), so {@code --engine spark} prints as the default engine does.
 */
public final class SqlMain {

    static final String PROMPT = "lakepipe> ";
    static final String CONTINUATION = "       -> ";

    private final SparkSession spark;
    private final LakeQuery query;
    private final ResultPrinter printer;
    private final PrintWriter out;
    private final PrintWriter notes;

    SqlMain(SparkSession spark, SqlOptions options, PrintWriter out, PrintWriter notes) {
        this.spark = spark;
        this.out = out;
        this.notes = notes;
        // A second guard behind ReadOnlyStatement: Spark itself refuses parquet.`/path`, a read outside the catalog.
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        var tables = LakeTables.register(spark, new LocalCatalog(options.catalog()), options.mode());
        tables.skipped()
                .forEach((table, reason) -> notes.printf(
                        "note: %s is not readable (%s): %s%n",
                        table, options.mode().describe(), reason));
        notes.flush();
        this.query = new LakeQuery(spark, tables);
        this.printer = new ResultPrinter(options.format(), options.limit());
    }

    public static void main(String[] args) {
        var notes = System.err;
        System.exit(run(args, System.in, System.out, notes));
    }

    /** Runs {@code lakepipe sql}; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream notes) {
        var charset = Charset.defaultCharset();
        var outWriter = new PrintWriter(new OutputStreamWriter(out, charset));
        var notesWriter = new PrintWriter(new OutputStreamWriter(notes, charset));
        try {
            return run(args, in, outWriter, notesWriter);
        } finally {
            outWriter.flush();
            notesWriter.flush();
        }
    }

    private static int run(String[] args, InputStream in, PrintWriter out, PrintWriter notes) {
        try {
            var options = SqlOptions.parse(args);
            options.log().ifPresent(SparkLog::sendTo);
            var main = new SqlMain(StepSpark.hudiSession("lakepipe sql"), options, out, notes);
            return options.query().map(main::runOne).orElseGet(() -> main.repl(in));
        } catch (StepArgs.UsageException e) {
            notes.println("sql: " + e.getMessage());
            return 2;
        } catch (LakepipeException e) {
            notes.println("Error: " + e.getMessage());
            return 1;
        }
    }

    int runOne(String sql) {
        var result = query.run(strip(sql));
        try {
            SparkResult.print(result, printer, out, notes);
        } catch (RuntimeException e) {
            // Spark and Hudi fail at execution time too (a cleaned-up file version, a cast under ANSI mode).
            throw new LakepipeException(e, "Query failed: %s", LakeTables.firstLine(e));
        }
        return 0;
    }

    private int repl(InputStream in) {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println("lakepipe sql: statements end with ';'; 'show tables;' lists the tables, 'quit;' leaves.");
        var statement = new StringBuilder();
        try {
            while (true) {
                out.print(statement.isEmpty() ? PROMPT : CONTINUATION);
                out.flush();
                var line = reader.readLine();
                if (line == null) {
                    out.println();
                    return 0;
                }
                statement.append(line).append('\n');
                if (!line.strip().endsWith(";")) {
                    continue;
                }
                var sql = strip(statement.toString());
                statement.setLength(0);
                if (sql.equalsIgnoreCase("quit") || sql.equalsIgnoreCase("exit")) {
                    return 0;
                }
                if (!sql.isEmpty()) {
                    runReporting(sql);
                }
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read statements from stdin");
        }
    }

    private void runReporting(String sql) {
        try {
            runOne(sql);
        } catch (LakepipeException e) {
            notes.println("Error: " + e.getMessage());
            notes.flush();
        }
    }

    /** The statement without surrounding blanks and trailing semicolons (Spark rejects a trailing ';'). */
    static String strip(String sql) {
        var text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    SparkSession spark() {
        return spark;
    }
}
