package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code hudi_config.transformer_sql}: Spark SQL over each batch, the batch named {@code <SRC>}. Every writer of a
 * silver table applies the same transformation (seed_hudi to the full load, the CDC apply to every batch of change
 * files), as DeltaStreamer's SQL transformer does, so seeded and changed rows agree.
 */
public final class TransformerSql {

    public static final String SOURCE_PLACEHOLDER = "<SRC>";

    private final Optional<String> sql;

    public TransformerSql(Optional<String> sql) {
        this.sql = requireNonNull(sql, "sql is null");
    }

    public static TransformerSql none() {
        return new TransformerSql(Optional.empty());
    }

    /** The batch transformed; the batch itself when there is no transformer. {@code table} names the table in errors. */
    public Dataset<Row> apply(SparkSession spark, Dataset<Row> batch, String table) {
        if (sql.isEmpty()) {
            return batch;
        }
        var view = "lakepipe_src_" + UUID.randomUUID().toString().replace("-", "");
        batch.createOrReplaceTempView(view);
        try {
            return spark.sql(sql.get().replace(SOURCE_PLACEHOLDER, view));
        } catch (Exception e) {
            // AnalysisException (a bad column or table) is a checked exception to Java.
            throw new LakepipeException(
                    e,
                    "Invalid hudi_config.transformer_sql of %s: %s; the SQL must read the batch as %s",
                    table,
                    e.getMessage(),
                    SOURCE_PLACEHOLDER);
        }
    }

    @Override
    public String toString() {
        return sql.orElse("<none>");
    }
}
