package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.lakepipe.LakepipeException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;

/**
 * Prints at most {@code limit} rows of a result ({@code 0}: all) in one {@link OutputFormat}. Values are rendered by
 * Spark's own cast to string (session time zone UTC), so decimals, timestamps and nested values print as Spark SQL
 * shows them; JSON keeps the types. When rows were left out, a note goes to {@code notes} (stderr), never into the data.
 */
public final class ResultPrinter {

    static final String NULL = "NULL";

    private final OutputFormat format;
    private final int limit;

    public ResultPrinter(OutputFormat format, int limit) {
        this.format = requireNonNull(format, "format is null");
        if (limit < 0) {
            throw new LakepipeException("Invalid --limit %d: expected 0 (no limit) or more", limit);
        }
        this.limit = limit;
    }

    /** Prints the result; returns the number of rows printed. */
    public int print(Dataset<Row> result, PrintStream out, PrintStream notes) {
        var names = result.columns();
        var bounded = limit == 0 ? result : result.limit(limit + 1);
        var rows = format == OutputFormat.JSON ? jsonLines(bounded) : textRows(bounded);
        var truncated = limit > 0 && rows.size() > limit;
        var shown = truncated ? rows.subList(0, limit) : rows;
        switch (format) {
            case TABLE -> printTable(names, numericColumns(result), shown, out);
            case CSV -> printCsv(names, shown, out);
            case JSON -> shown.forEach(row -> out.println(row[0]));
        }
        out.flush();
        if (truncated) {
            notes.printf("(first %d rows shown; more rows match: raise --limit, or --limit 0 for all)%n", limit);
        } else if (format == OutputFormat.TABLE) {
            notes.printf("(%d row%s)%n", shown.size(), shown.size() == 1 ? "" : "s");
        }
        notes.flush();
        return shown.size();
    }

    /** Every value as Spark's string cast; the columns are renamed first so duplicate names (a join's {@code *}) stay addressable. */
    private static List<String[]> textRows(Dataset<Row> result) {
        var positional = new ArrayList<String>();
        for (int i = 0; i < result.columns().length; i++) {
            positional.add("c" + i);
        }
        var renamed = result.toDF(positional.toArray(String[]::new));
        var casts = positional.stream().map(name -> col(name).cast("string")).toArray(Column[]::new);
        var rows = new ArrayList<String[]>();
        for (var row : renamed.select(casts).collectAsList()) {
            var values = new String[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.isNullAt(i) ? null : row.getString(i);
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<String[]> jsonLines(Dataset<Row> result) {
        return result.toJSON().collectAsList().stream()
                .map(line -> new String[] {line})
                .toList();
    }

    private static boolean[] numericColumns(Dataset<Row> result) {
        var fields = result.schema().fields();
        var numeric = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            numeric[i] = fields[i].dataType() instanceof NumericType;
        }
        return numeric;
    }

    private static void printTable(String[] names, boolean[] numeric, List<String[]> rows, PrintStream out) {
        var widths = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            widths[i] = names[i].length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], displayed(row[i]).length());
            }
        }
        out.println(line(names, widths, new boolean[names.length]));
        var rule = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        out.println(line(rule, widths, new boolean[names.length]));
        rows.forEach(row -> out.println(line(displayed(row), widths, numeric)));
    }

    private static String displayed(String value) {
        return value == null ? NULL : value;
    }

    private static String[] displayed(String[] row) {
        var values = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = displayed(row[i]);
        }
        return values;
    }

    private static String line(String[] values, int[] widths, boolean[] rightAligned) {
        var text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append("  ");
            }
            var pad = " ".repeat(widths[i] - values[i].length());
            if (rightAligned[i]) {
                text.append(pad).append(values[i]);
            } else {
                text.append(values[i]).append(i == values.length - 1 ? "" : pad);
            }
        }
        return text.toString();
    }

    private static void printCsv(String[] names, List<String[]> rows, PrintStream out) {
        out.println(csvLine(names));
        rows.forEach(row -> out.println(csvLine(row)));
    }

    /** RFC 4180: quote a field holding a comma, quote or line break; NULL is an empty field. */
    private static String csvLine(String[] values) {
        var text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            var value = values[i] == null ? "" : values[i];
            var quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
            text.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return text.toString();
    }
}
