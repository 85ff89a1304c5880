package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.CatalogViews;
import dev.lakepipe.steps.catalog.GlueTable;
import dev.lakepipe.steps.catalog.LocalCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.apache.spark.sql.SparkSession;

/**
 * The catalog's tables as views of one SparkSession, every Hudi table read in one {@link ReadMode}. A table that
 * cannot be read in that mode (no data yet, no commit at the instant) is left out and remembered with the reason,
 * so a query on the other tables still runs and a query naming it gets the reason.
 *
 * @param registered the view names, sorted
 * @param skipped view name to the reason it could not be registered
 * @param qualifiedNames {@code database.table} of every catalog table to its view name (see {@link QualifiedNames})
 */
public record LakeTables(List<String> registered, Map<String, String> skipped, Map<String, String> qualifiedNames) {

    public LakeTables {
        registered = registered.stream().sorted().toList();
        skipped = Map.copyOf(skipped);
        qualifiedNames = Map.copyOf(qualifiedNames);
    }

    public static LakeTables register(SparkSession spark, LocalCatalog catalog, ReadMode mode) {
        requireNonNull(mode, "mode is null");
        var registered = new ArrayList<String>();
        var skipped = new LinkedHashMap<String, String>();
        var qualifiedNames = new LinkedHashMap<String, String>();
        for (var entry : catalog.entries()) {
            for (var table : GlueTable.of(entry)) {
                qualifiedNames.put(entry.database() + "." + table.name(), table.name());
                try {
                    registered.add(CatalogViews.register(spark, entry, options(entry, table, mode), table.name()));
                } catch (RuntimeException e) {
                    skipped.put(table.name(), firstLine(e));
                }
            }
        }
        return new LakeTables(registered, skipped, qualifiedNames);
    }

    /** A merge-on-read table's read-optimized view is the latest compacted files: it has no time travel or changes. */
    private static Map<String, String> options(CatalogEntry entry, GlueTable table, ReadMode mode) {
        if (!CatalogEntry.HUDI.equals(entry.format())) {
            return Map.of();
        }
        if (!table.readOptimized()) {
            return mode.readOptions();
        }
        if (!(mode instanceof ReadMode.Snapshot)) {
            throw new LakepipeException(
                    "%s is a read-optimized view (the files of the last compaction), which Hudi reads only as it is now;"
                            + " query %s_rt, the snapshot view, for %s",
                    table.name(), entry.table(), mode.describe());
        }
        return table.readOptions();
    }

    /** The error for a query naming {@code name}, which is no registered view: why it could not be read, or the known tables. */
    public LakepipeException unknownTable(String name) {
        var reason = skipped.get(name);
        if (reason != null) {
            return new LakepipeException("Table %s cannot be read in this mode: %s", name, reason);
        }
        return new LakepipeException("Unknown table %s; known tables: %s", name, summary());
    }

    /** "a, b, c" and, when some were skipped, "; not readable: x (reason)". */
    public String summary() {
        var text = registered.isEmpty() ? "none" : String.join(", ", registered);
        if (!skipped.isEmpty()) {
            text += "; not readable now: "
                    + String.join(
                            "; ",
                            skipped.entrySet().stream()
                                    .map(LakeTables::skippedText)
                                    .toList());
        }
        return text;
    }

    private static String skippedText(Entry<String, String> entry) {
        return entry.getKey() + " (" + entry.getValue() + ")";
    }

    static String firstLine(RuntimeException e) {
        var message = String.valueOf(e.getMessage());
        var end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
