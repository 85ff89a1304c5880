package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Prints a {@code lakepipe sql} result, on either engine (Trino here, Spark SQL in emr-steps' SqlMain), as
 * {@code --format} says: an aligned table (numbers right-aligned, {@code NULL}
 * for null), CSV or JSON lines; at most {@code limit} rows ({@code 0}: all), with a note on stderr when more matched.
 * Values print as the engine renders them as text (on Trino, how Athena's console shows them); JSON keeps them as
 * strings, so a decimal or a {@code bigint} reaches a JSON reader without rounding.
 */
public final class ResultPrinter {

    public static final int DEFAULT_LIMIT = 100;
    static final String NULL = "NULL";
    private static final JsonFactory JSON = new JsonFactory();

    private final SqlFormat format;
    private final int limit;

    public ResultPrinter(SqlFormat format, int limit) {
        this.format = requireNonNull(format, "format is null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        this.limit = limit;
    }

    /** The rows to read of a result: one more than the limit, to know whether more matched; 0 for all. */
    public int rowsToRead() {
        return limit > 0 ? limit + 1 : 0;
    }

    /** Prints the result; reads at most {@link #rowsToRead()} rows. */
    public void print(List<ResultColumn> columns, Iterator<String[]> rows, PrintWriter out, PrintWriter notes) {
        var read = new ArrayList<String[]>();
        while ((limit == 0 || read.size() <= limit) && rows.hasNext()) {
            read.add(rows.next());
        }
        var truncated = limit > 0 && read.size() > limit;
        var shown = truncated ? read.subList(0, limit) : read;
        switch (format) {
            case TABLE -> table(columns, shown, out);
            case CSV -> csv(columns, shown, out);
            case JSON -> json(columns, shown, out);
        }
        out.flush();
        if (truncated) {
            notes.printf("(first %d rows shown; more rows match: raise --limit, or --limit 0 for all)%n", limit);
        } else if (format == SqlFormat.TABLE) {
            notes.printf("(%d row%s)%n", shown.size(), shown.size() == 1 ? "" : "s");
        }
        notes.flush();
    }

    /** The note of a statement without a result, such as {@code USE}. */
    public static void done(PrintWriter notes) {
        notes.println("(done)");
        notes.flush();
    }

    /** The statement as Trino takes it: without surrounding blanks and one trailing semicolon. */
    public static String statementText(String sql) {
        var text = sql.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    private static void table(List<ResultColumn> columns, List<String[]> rows, PrintWriter out) {
        var widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).name().length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], shown(row[i]).length());
            }
        }
        var header = new ArrayList<String>();
        var rule = new ArrayList<String>();
        for (int i = 0; i < widths.length; i++) {
            header.add(pad(columns.get(i).name(), widths[i], false));
            rule.add("-".repeat(widths[i]));
        }
        out.println(String.join(" | ", header).stripTrailing());
        out.println(String.join("-+-", rule));
        for (var row : rows) {
            var cells = new ArrayList<String>();
            for (int i = 0; i < widths.length; i++) {
                cells.add(pad(shown(row[i]), widths[i], columns.get(i).numeric()));
            }
            out.println(String.join(" | ", cells).stripTrailing());
        }
    }

    private static void csv(List<ResultColumn> columns, List<String[]> rows, PrintWriter out) {
        out.println(csvLine(columns.stream().map(ResultColumn::name).toArray(String[]::new)));
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

    /** One object a row, keys in column order (a repeated label once, with its last value), values strings or null. */
    private static void json(List<ResultColumn> columns, List<String[]> rows, PrintWriter out) {
        for (var row : rows) {
            var object = new LinkedHashMap<String, String>();
            for (int i = 0; i < row.length; i++) {
                object.put(columns.get(i).name(), row[i]);
            }
            var line = new StringWriter();
            try (var generator = JSON.createGenerator(line)) {
                generator.writeStartObject();
                for (var field : object.entrySet()) {
                    generator.writeStringField(field.getKey(), field.getValue());
                }
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(line);
        }
    }

    private static String shown(String value) {
        return value == null ? NULL : value;
    }

    private static String pad(String value, int width, boolean right) {
        var padding = " ".repeat(width - value.length());
        return right ? padding + value : value + padding;
    }
}
