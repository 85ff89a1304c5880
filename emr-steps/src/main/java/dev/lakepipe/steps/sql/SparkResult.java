package dev.lakepipe.steps.sql;

import static org.apache.spark.sql.functions.col;

import dev.lakepipe.sqlclient.ResultColumn;
import dev.lakepipe.sqlclient.ResultPrinter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;

/**
 * A Spark SQL result printed by the Trino engine's {@link ResultPrinter}, so both engines print alike. Values are
 * Spark's own cast to string (session time zone UTC): decimals, timestamps and nested values read as Spark SQL shows
 * them.
 */
final class SparkResult {

    private SparkResult() {}

    /** Prints {@code result}, reading from Spark no more rows than the printer needs. */
    static void print(Dataset<Row> result, ResultPrinter printer, PrintWriter out, PrintWriter notes) {
        var bounded = printer.rowsToRead() == 0 ? result : result.limit(printer.rowsToRead());
        printer.print(columns(result), textRows(bounded).iterator(), out, notes);
    }

    private static List<ResultColumn> columns(Dataset<Row> result) {
        return Arrays.stream(result.schema().fields())
                .map(field -> new ResultColumn(field.name(), field.dataType() instanceof NumericType))
                .toList();
    }

    /** Every value as Spark's string cast; the columns are renamed first so duplicate names (a join's {@code *}) stay addressable. */
    private static List<String[]> textRows(Dataset<Row> result) {
        var positional = new ArrayList<String>();
        for (int i = 0; i < result.columns().length; i++) {
            positional.add("c" + i);
        }
        var casts = positional.stream().map(name -> col(name).cast("string")).toArray(Column[]::new);
        var rows = new ArrayList<String[]>();
        for (var row :
                result.toDF(positional.toArray(String[]::new)).select(casts).collectAsList()) {
            var values = new String[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.isNullAt(i) ? null : row.getString(i);
            }
            rows.add(values);
        }
        return rows;
    }
}
