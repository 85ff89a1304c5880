package dev.lakepipe.steps.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgIdentifiers;
import java.util.ArrayList;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's JDBC source, for options only it implements ({@code query}, a sub-query {@code dbtable},
 * {@code customSchema}). Each partition's connection joins the exported snapshot through
 * {@code sessionInitStatement}; columns that are source columns are cast to their bronze types.
 */
final class JdbcFallbackReader {

    private JdbcFallbackReader() {}

    static Dataset<Row> read(
            SparkSession spark,
            DatabaseSecret secret,
            String snapshotId,
            BronzeSchema schema,
            String trxSeq,
            Map<String, String> options) {
        var reader = spark.read()
                .format("jdbc")
                .options(options)
                .option("url", secret.jdbcUrl())
                .option("user", secret.username())
                .option("password", secret.password())
                .option(
                        "sessionInitStatement",
                        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT "
                                + PgIdentifiers.literal(snapshotId));
        if (!options.containsKey("query") && !options.containsKey("dbtable")) {
            reader = reader.option("dbtable", schema.table().qualifiedName());
        }
        if (!options.containsKey("fetchsize")) {
            reader = reader.option("fetchsize", "10000");
        }
        var source = reader.load();
        var columns = new ArrayList<Column>();
        columns.add(lit("I").as(BronzeSchema.OP));
        for (var name : source.columns()) {
            var bronze = schema.columns().stream()
                    .filter(column -> column.name().equals(name))
                    .findFirst();
            columns.add(bronze.map(column -> col(quote(name))
                            .cast(BronzeSchema.sparkType(column))
                            .as(name))
                    .orElse(col(quote(name))));
        }
        columns.add(lit(trxSeq).as(BronzeSchema.TRX_SEQ));
        columns.add(lit(false).as(BronzeSchema.IS_DELETED));
        return source.select(columns.toArray(Column[]::new));
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
