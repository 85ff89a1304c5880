package dev.lakepipe.steps.hudi;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Column types every writer of a silver table applies before writing (seed_hudi and the CDC apply),
 * so all files of a table agree with Hudi's Avro schema: Avro has no 8/16-bit integers (Hudi's table
 * schema says int; bulk_insert's row writer would still write INT32(INT_16) files that Spark's
 * vectorized reader then fails on), and Hudi 0.15 cannot write TIMESTAMP_NTZ.
 */
public final class SilverRows {

    private SilverRows() {}

    public static Dataset<Row> conform(Dataset<Row> rows) {
        var columns = Arrays.stream(rows.schema().fields())
                .map(field -> {
                    var column = col("`" + field.name().replace("`", "``") + "`");
                    if (field.dataType() instanceof ShortType || field.dataType() instanceof ByteType) {
                        return column.cast(DataTypes.IntegerType).as(field.name());
                    }
                    if (field.dataType() instanceof TimestampNTZType) {
                        return column.cast(DataTypes.TimestampType).as(field.name());
                    }
                    return column;
                })
                .toArray(Column[]::new);
        return rows.select(columns);
    }
}
