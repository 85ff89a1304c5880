package dev.lakepipe.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs {@code lakepipe sql} statements on Trino and prints their results as {@code --format} says: an aligned table
 * (numbers right-aligned, {@code NULL} for null), CSV or JSON lines; at most {@code limit} rows ({@code 0}: all), with
 * a note on stderr when more matched. Values print as Trino renders them, which is how Athena's console shows them.
 */
final class TrinoQueries {

    static final String NULL = "NULL";
    private static final Set<Integer> NUMERIC =
            Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE, Types.DECIMAL);

    private final Connection connection;
    private final SqlCommand.Format format;
    private final int limit;

    TrinoQueries(Connection connection, SqlCommand.Format format, int limit) {
        this.connection = requireNonNull(connection, "connection is null");
        this.format = requireNonNull(format, "format is null");
        this.limit = limit;
    }

    /** Runs one statement; a statement Trino refuses becomes a {@link LakepipeException} with Trino's reason. */
    void run(String sql, PrintWriter out, PrintWriter notes) {
        var statementText = sql.strip();
        if (statementText.endsWith(";")) {
            statementText = statementText.substring(0, statementText.length() - 1);
        }
        try (var statement = connection.createStatement()) {
            if (limit > 0) {
                statement.setMaxRows(limit + 1);
            }
            if (!statement.execute(statementText)) {
                notes.println("(done)");
                notes.flush();
                return;
            }
            try (var result = statement.getResultSet()) {
                print(result, out, notes);
            }
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    /** The interactive prompt: one statement a line, until end of input or {@code quit}. */
    void repl(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        for (prompt(out); ; prompt(out)) {
            var line = in.readLine();
            if (line == null
                    || line.strip().equalsIgnoreCase("quit")
                    || line.strip().equalsIgnoreCase("exit")) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                run(line, out, err);
            } catch (LakepipeException e) {
                err.println("Error: " + e.getMessage());
                err.flush();
            }
        }
    }

    private static void prompt(PrintWriter out) {
        out.print("trino> ");
        out.flush();
    }

    private void print(ResultSet result, PrintWriter out, PrintWriter notes) throws SQLException {
        var meta = result.getMetaData();
        var names = new String[meta.getColumnCount()];
        var numeric = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            numeric[i] = NUMERIC.contains(meta.getColumnType(i + 1));
        }
        var rows = new ArrayList<String[]>();
        while (result.next() && (limit == 0 || rows.size() <= limit)) {
            var row = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                row[i] = result.getString(i + 1);
            }
            rows.add(row);
        }
        var truncated = limit > 0 && rows.size() > limit;
        var shown = truncated ? rows.subList(0, limit) : rows;
        switch (format) {
            case TABLE -> table(names, numeric, shown, out);
            case CSV -> csv(names, shown, out);
            case JSON -> json(names, shown, out);
        }
        out.flush();
        if (truncated) {
            notes.printf("(first %d rows shown; more rows match: raise --limit, or --limit 0 for all)%n", limit);
        } else if (format == SqlCommand.Format.TABLE) {
            notes.printf("(%d row%s)%n", shown.size(), shown.size() == 1 ? "" : "s");
        }
        notes.flush();
    }

    private static void table(String[] names, boolean[] numeric, List<String[]> rows, PrintWriter out) {
        var widths = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            widths[i] = names[i].length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], shown(row[i]).length());
            }
        }
        var header = new ArrayList<String>();
        var rule = new ArrayList<String>();
        for (int i = 0; i < names.length; i++) {
            header.add(pad(names[i], widths[i], false));
            rule.add("-".repeat(widths[i]));
        }
        out.println(String.join(" | ", header).stripTrailing());
        out.println(String.join("-+-", rule));
        for (var row : rows) {
            var cells = new ArrayList<String>();
            for (int i = 0; i < names.length; i++) {
                cells.add(pad(shown(row[i]), widths[i], numeric[i]));
            }
            out.println(String.join(" | ", cells).stripTrailing());
        }
    }

    private static void csv(String[] names, List<String[]> rows, PrintWriter out) {
        out.println(csvLine(names));
        rows.forEach(row -> out.println(csvLine(row)));
    }

    private static String csvLine(String[] values) {
        var cells = new ArrayList<String>();
        for (var value : values) {
            if (value == null) {
                cells.add("");
            } else if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
                cells.add('"' + value.replace("\"", "\"\"") + '"');
            } else {
                cells.add(value);
            }
        }
        return String.join(",", cells);
    }

    private static void json(String[] names, List<String[]> rows, PrintWriter out) {
        for (var row : rows) {
            var object = new LinkedHashMap<String, String>();
            for (int i = 0; i < names.length; i++) {
                object.put(names[i], row[i]);
            }
            try {
                out.println(Json.MAPPER.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new LakepipeException(e, "Failed to print a row as JSON: %s", e.getMessage());
            }
        }
    }

    private static String shown(String value) {
        return value == null ? NULL : value;
    }

    private static String pad(String value, int width, boolean right) {
        var padding = " ".repeat(width - value.length());
        return right ? padding + value : value + padding;
    }

    /** Trino's reason; for what only Spark SQL reads (Hudi time travel, incremental queries), where to go instead. */
    static LakepipeException refused(SQLException e) {
        var message = e.getMessage();
        var lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("for timestamp as of")
                || lower.contains("for version as of")
                || lower.contains("versioned tables")
                || lower.contains("timestamp as of")) {
            return new LakepipeException(
                    e,
                    "Invalid query: %s; Trino (like Athena) has no time travel on Hudi tables: run it with"
                            + " 'lakepipe sql --engine spark --as-of <instant>' (docs/querying.md)",
                    message);
        }
        if (lower.contains("access denied")) {
            return new LakepipeException(
                    e,
                    "Invalid query: %s; lakepipe sql only reads the lake's tables; the lake is written by its pipelines"
                            + " only ('lakepipe run <pipeline>')",
                    message);
        }
        return new LakepipeException(e, "Query failed: %s", message);
    }
}
