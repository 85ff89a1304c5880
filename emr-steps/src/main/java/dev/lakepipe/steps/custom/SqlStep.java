package dev.lakepipe.steps.custom;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.sql.GlueSql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkUserAppException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A custom step that is one Spark SQL query, no Java needed: {@code entrypoint.class}
 * {@code dev.lakepipe.steps.custom.SqlStep}, {@code entrypoint.args}
 * {@code ["--sql", "<uri of a .sql file>", "--table", "<gold table>", "--record-key", "a,b", "--partition-by", "c"]}
 * ({@code --partition-by} optional). The query names tables as on EMR, {@code <glue database>.<table>}, locally too
 * ({@link GlueSql}); its result replaces the gold table on each run (a full recompute: fine for aggregates over small inputs; write a {@link CustomStep} for
 * incremental logic).
 */
public final class SqlStep implements CustomStep {

    private static final String NAME = "sql_step";

    public static void main(String[] args) throws SparkUserAppException {
        CustomSteps.main(NAME, new SqlStep(), args);
    }

    @Override
    public void run(CustomStepContext context) {
        var args = context.args();
        var sqlUri = args.required("sql");
        var sql = read(context, sqlUri);
        var table = context.goldTable(
                args.required("table"),
                list(args.required("record-key")),
                args.optional("partition-by").map(SqlStep::list).orElse(List.of()));
        var rows = query(context, sqlUri, sql);
        context.goldWriter(table).overwrite(rows, Map.of());
        System.out.printf("%s: %s -> %s.%s (%s)%n", NAME, sqlUri, table.database(), table.name(), table.basePath());
    }

    private static Dataset<Row> query(CustomStepContext context, String uri, String sql) {
        try {
            return context.sql(sql);
        } catch (LakepipeException e) {
            throw new LakepipeException(e, "SQL file %s of step %s: %s", uri, context.name(), e.getMessage());
        }
    }

    private static String read(CustomStepContext context, String uri) {
        var path = new Path(uri);
        try (var in = path.getFileSystem(context.spark().sparkContext().hadoopConfiguration())
                .open(path)) {
            var sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1);
            }
            return sql;
        } catch (IOException e) {
            throw new LakepipeException(
                    e,
                    "Cannot read the SQL file %s of step %s: %s; check entrypoint.args --sql",
                    uri,
                    context.name(),
                    e.getMessage());
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .toList();
    }
}
