package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.load.CopyPartitionWriter.WrittenFile;
import dev.lakepipe.steps.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.spark.HadoopConf;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;

/**
 * The COPY path's write: one Spark task per WHERE range decodes its COPY stream straight into one
 * parquet file in the bronze folder (no Spark rows in between), then the driver commits by keeping
 * exactly the files of the successful task attempts. A single range (a small table) is written by
 * the driver itself: scheduling a job would cost more than reading it. The folder is emptied
 * first, as Spark's overwrite does; the handoff file, written after this commit, marks a complete
 * load.
 */
final class CopyLoad {

    static final String FILE_PREFIX = "part-";
    private static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    private final SparkSession spark;

    CopyLoad(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** Writes the rows of {@code ranges} under the snapshot to {@code directory}; returns the committed files. */
    List<WrittenFile> write(DatabaseSecret secret, String snapshotId, BronzeSchema schema, String trxSeq, List<String> ranges,
            BronzeParquetSettings settings, String directory) {
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        var writer = new CopyPartitionWriter(secret, snapshotId, schema, format(schema, trxSeq, settings, hadoopConf));
        var target = new Path(directory);
        var loadId = UUID.randomUUID().toString();
        var extension = settings.codec().getExtension() + ".parquet";
        try {
            var fs = target.getFileSystem(hadoopConf);
            fs.delete(target, true);
            fs.mkdirs(target);
            var files = ranges.size() == 1
                    ? List.of(writer.write(ranges.get(0), new Path(directory, fileName(loadId, 0, 0, extension))))
                    : writeInTasks(writer, ranges, directory, loadId, extension);
            deleteUncommitted(fs, target, files);
            return files;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write bronze files to %s: %s", directory, e.getMessage());
        }
    }

    private List<WrittenFile> writeInTasks(CopyPartitionWriter writer, List<String> ranges, String directory, String loadId,
            String extension) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size())
                .mapPartitionsWithIndex((index, where) -> {
                    var file = new Path(directory, fileName(loadId, index, TaskContext.get().attemptNumber(), extension));
                    return List.of(writer.write(where.next(), file)).iterator();
                }, false)
                .collect();
    }

    private static String fileName(String loadId, int index, int attempt, String extension) {
        return "%s%05d-%s-a%d%s".formatted(FILE_PREFIX, index, loadId, attempt, extension);
    }

    private BronzeFileFormat format(BronzeSchema schema, String trxSeq, BronzeParquetSettings settings, Configuration hadoopConf) {
        var sparkSchema = schema.sparkSchema();
        var parquetSchema = new SparkToParquetSchemaConverter(spark.sessionState().conf()).convert(sparkSchema);
        var footer = Map.of(ParquetReadSupport.SPARK_METADATA_KEY(), sparkSchema.json(), SPARK_VERSION_KEY, spark.version());
        return BronzeFileFormat.of(schema, trxSeq, parquetSchema, settings, footer, new HadoopConf(hadoopConf));
    }

    /** Removes files of failed or duplicate task attempts. */
    static void deleteUncommitted(FileSystem fs, Path target, List<WrittenFile> committed) throws IOException {
        var keep = new HashSet<String>();
        committed.forEach(file -> keep.add(new Path(file.path()).getName()));
        for (var status : fs.listStatus(target)) {
            var name = status.getPath().getName();
            if (name.startsWith(FILE_PREFIX) && !keep.contains(name)) {
                fs.delete(status.getPath(), false);
            }
        }
    }
}
