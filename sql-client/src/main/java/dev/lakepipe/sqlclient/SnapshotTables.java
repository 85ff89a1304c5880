package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The merge-on-read snapshot tables ({@code <name>_rt}) a statement names, found in the catalog: a table whose metastore
 * entry has Hudi's realtime input format, as Hudi's Glue sync and the local metastore register a merge-on-read table's
 * snapshot. Trino 476's Hudi connector reads such a table as read-optimized (base files only) without saying so, where
 * Athena reads it as the snapshot (docs/querying.md, "Merge-on-read tables"); {@link #warn} says so on stderr.
 */
public final class SnapshotTables {

    static final String REALTIME_INPUT_FORMAT = "org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat";
    private static final String SCHEMA_FILE = ".trinoSchema";
    /** A name Trino's metastore can hold as a table folder: anything else names no table here. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z0-9_]+");

    private static final JsonFactory JSON = new JsonFactory();

    private final Path catalog;

    public SnapshotTables(Path catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** Prints a warning for each snapshot table {@code sql} names. */
    public void warn(String sql, PrintWriter notes) {
        var tables = named(sql);
        for (var table : tables) {
            notes.printf(
                    "warning: %s is the snapshot table (_rt) of a merge-on-read table, and Trino 476 reads it as"
                            + " read-optimized: the base files only, as its _ro table, without the changes since the"
                            + " last compaction (a row deleted since then still shows). Athena reads it as the snapshot;"
                            + " for the snapshot here, run the query with --engine spark.%n",
                    table);
        }
        if (!tables.isEmpty()) {
            notes.flush();
        }
    }

    /** The snapshot tables among the names in {@code sql}, as {@code database.table}, in order of first mention. */
    public List<String> named(String sql) {
        var names = identifiers(sql);
        var snapshots = new ArrayList<String>();
        if (names.isEmpty()) {
            return snapshots;
        }
        for (var database : databases()) {
            for (var name : names) {
                var entry = catalog.resolve(database).resolve(name).resolve(SCHEMA_FILE);
                if (Files.isRegularFile(entry) && REALTIME_INPUT_FORMAT.equals(inputFormat(entry))) {
                    snapshots.add(database + "." + name);
                }
            }
        }
        return snapshots;
    }

    /**
     * The identifiers of {@code sql} as Trino resolves table names (lower case; a quoted one as written, lower-cased),
     * outside string literals and comments.
     */
    static Set<String> identifiers(String sql) {
        var names = new LinkedHashSet<String>();
        var i = 0;
        while (i < sql.length()) {
            var c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                var end = closing(sql, i, c);
                if (c == '"') {
                    addTableName(names, sql.substring(i + 1, end).replace("\"\"", "\""));
                }
                i = end + 1;
            } else if (sql.startsWith("--", i)) {
                var end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                var end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                var end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                addTableName(names, sql.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    /** The index of the quote closing the literal or identifier opened at {@code start} (a doubled quote is inside). */
    private static int closing(String sql, int start, char quote) {
        var i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }

    private static void addTableName(Set<String> names, String identifier) {
        var name = identifier.toLowerCase(Locale.ROOT);
        if (TABLE_NAME.matcher(name).matches()) {
            names.add(name);
        }
    }

    private List<String> databases() {
        try (Stream<Path> entries = Files.list(catalog)) {
            return entries.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SqlClientException(e, "Failed to list the catalog %s: %s", catalog, e.getMessage());
        }
    }

    private static String inputFormat(Path entry) {
        try (var parser = JSON.createParser(entry.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SqlClientException("Invalid metastore entry %s: not a JSON object", entry);
            }
            var table = (Map<?, ?>) JsonValues.read(parser);
            return table.get("originalStorageFormat") instanceof Map<?, ?> storage
                    ? String.valueOf(storage.get("inputFormat"))
                    : "";
        } catch (IOException e) {
            throw new SqlClientException(e, "Failed to read the metastore entry %s: %s", entry, e.getMessage());
        }
    }
}
