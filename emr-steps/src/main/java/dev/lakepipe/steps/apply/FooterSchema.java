package dev.lakepipe.steps.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;

/**
 * The schema a batch's change files agree on, from their Parquet footers alone (read on the driver, a few in parallel,
 * no row group): a batch read with it skips Spark's merged-schema inference, a job that opens every file once more
 * before the data is read. The footers are converted as that inference converts them, so both give the same schema.
 */
final class FooterSchema {

    private FooterSchema() {}

    /** The schema of every file of {@code batch}; empty when two files differ (then the batch's schemas are merged). */
    static Optional<StructType> common(SparkSession spark, List<ChangeFile> batch) {
        var statuses = batch.stream()
                .map(file -> new FileStatus(file.length(), false, 1, 0, file.modificationTime(), new Path(file.path())))
                .toList();
        try {
            var converter =
                    new ParquetToSparkSchemaConverter(spark.sessionState().conf());
            var schemas =
                    ParquetFileReader.readAllFootersInParallel(
                                    spark.sparkContext().hadoopConfiguration(), statuses, true)
                            .stream()
                            .map(footer -> ParquetFileFormat.readSchemaFromFooter(footer, converter))
                            .distinct()
                            .toList();
            return schemas.size() == 1 ? Optional.of(schemas.get(0)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read the footers of change files " + BatchDiagnosis.span(batch), e);
        }
    }
}
