package dev.lakepipe.steps.load;

import dev.lakepipe.steps.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.BronzeSchema;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The COPY read as a DataFrame: one Spark partition per WHERE range, rows decoded on the executors
 * and counted in {@code rowsRead} as the write consumes them.
 */
final class CopyReader {

    private CopyReader() {}

    static Dataset<Row> read(SparkSession spark, DatabaseSecret secret, String snapshotId, BronzeSchema schema,
            String trxSeq, List<String> ranges, LongAccumulator rowsRead) {
        var reader = new CopyPartitionReader(secret, snapshotId, schema, trxSeq, rowsRead);
        var rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size())
                .flatMap(where -> {
                    var partition = reader.read(where);
                    TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> partition.close());
                    return partition;
                });
        return spark.internalCreateDataFrame(rows.rdd(), schema.sparkSchema(), false);
    }
}
