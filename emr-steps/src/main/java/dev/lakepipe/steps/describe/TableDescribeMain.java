package dev.lakepipe.steps.describe;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.sqlclient.SqlFormat;
import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.spark.SparkLog;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.sql.SqlOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * {@code lakepipe tables describe}'s Spark JVM: {@code --catalog <dir> --table <name|database.name> [--format table|json]
 * [--status-dir <logs bucket>/cdc] [--log <file>]}. Prints the table's {@link TableFacts}; exit 0, 1 on an error, 2 on bad
 * arguments. With {@code --log}, Spark's own log lines go to that file instead of stderr (see {@link SparkLog}).
 */
public final class TableDescribeMain {

    private static final String STEP = "tables describe";
    private static final Set<String> NAMES = Set.of("catalog", "table", "format", "status-dir", "log");

    private TableDescribeMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            var arguments = StepArgs.parse(STEP, args);
            arguments.values().keySet().stream()
                    .filter(name -> !NAMES.contains(name))
                    .findFirst()
                    .ifPresent(name -> {
                        throw new StepArgs.UsageException(
                                "Invalid %s arguments: unknown option --%s; expected one of --%s",
                                STEP,
                                name,
                                String.join(", --", NAMES.stream().sorted().toList()));
                    });
            var format = arguments.optional("format").map(SqlOptions::format).orElse(SqlFormat.TABLE);
            if (format == SqlFormat.CSV) {
                throw new LakepipeException("Invalid --format csv for tables describe: expected table or json");
            }
            arguments.optional("log").map(Path::of).ifPresent(SparkLog::sendTo);
            var entry = find(new LocalCatalog(Path.of(arguments.required("catalog"))), arguments.required("table"));
            var facts = new TableInspector(StepSpark.hudiSession("lakepipe tables describe"))
                    .inspect(entry, arguments.optional("status-dir").map(Path::of), Instant.now());
            out.print(format == SqlFormat.JSON ? facts.toJson() + System.lineSeparator() : facts.toText());
            out.flush();
            return 0;
        } catch (StepArgs.UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (LakepipeException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** The entry named {@code table} or {@code database.table}; the error lists the known tables. */
    static CatalogEntry find(LocalCatalog catalog, String name) {
        var entries = catalog.entries();
        var matches = entries.stream()
                .filter(entry -> name.equals(entry.table()) || name.equals(entry.database() + "." + entry.table()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        var known = String.join(
                ", ",
                entries.stream()
                        .map(entry -> entry.database() + "." + entry.table())
                        .toList());
        if (matches.isEmpty()) {
            throw new LakepipeException(
                    "Unknown table %s; known tables: %s", name, known.isEmpty() ? "none (nothing seeded yet)" : known);
        }
        throw new LakepipeException(
                "Table name %s is in several databases; name it as database.table: %s", name, known);
    }
}
