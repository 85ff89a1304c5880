package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.load.CopyPartitionWriter.WrittenFile;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.spark.HadoopConf;
import java.io.IOException;
import java.util.ArrayList;
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
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.util.VersionUtils;

/**
 * The COPY path's write: one Spark task per WHERE range decodes its COPY stream straight into one
 * parquet file (no Spark rows in between). Task attempts write into a hidden staging folder
 * ({@code _staging-<load id>}, skipped by Spark and Hudi readers); after the job the driver moves
 * exactly the files of the successful attempts into the bronze folder and drops the staging
 * folder, so a failed load, or an attempt still running (speculation, a lost executor), never
 * adds rows to what readers see. A single range (a small table) is written by the driver itself:
 * scheduling a job would cost more than reading it. The bronze folder is emptied first, as Spark's
 * overwrite does; the handoff file, written after this commit, marks a complete load.
 */
final class CopyLoad {

    static final String FILE_PREFIX = "part-";
    static final String STAGING_PREFIX = "_staging-";
    private static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    private final SparkSession spark;

    CopyLoad(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** Writes the rows of {@code ranges} under the snapshot to {@code directory}; returns the committed files. */
    List<WrittenFile> write(
            DatabaseSecret secret,
            String snapshotId,
            BronzeSchema schema,
            String trxSeq,
            List<String> ranges,
            BronzeParquetSettings settings,
            String directory) {
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        var writer = new CopyPartitionWriter(secret, snapshotId, schema, format(schema, trxSeq, settings, hadoopConf));
        var target = new Path(directory);
        var loadId = UUID.randomUUID().toString();
        var staging = new Path(target, STAGING_PREFIX + loadId).toString();
        var extension = settings.codec().getExtension() + ".parquet";
        try {
            var fs = target.getFileSystem(hadoopConf);
            fs.delete(target, true);
            fs.mkdirs(new Path(staging));
            var staged = stage(writer, ranges, fs, staging, loadId, extension);
            var committed = new ArrayList<WrittenFile>();
            for (var file : staged) {
                committed.add(moveInto(fs, file, target));
            }
            fs.delete(new Path(staging), true);
            return committed;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write bronze files to %s: %s", directory, e.getMessage());
        }
    }

    /** Writes every range into the staging folder; if that fails, removes what the finished attempts left there. */
    private List<WrittenFile> stage(
            CopyPartitionWriter writer,
            List<String> ranges,
            FileSystem fs,
            String staging,
            String loadId,
            String extension) {
        try {
            return ranges.size() == 1
                    ? List.of(writer.write(ranges.get(0), stagedFile(staging, 0, 0, loadId, extension)))
                    : writeInTasks(writer, ranges, staging, loadId, extension);
        } catch (RuntimeException e) {
            try {
                fs.delete(new Path(staging), true);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private List<WrittenFile> writeInTasks(
            CopyPartitionWriter writer, List<String> ranges, String staging, String loadId, String extension) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size())
                .mapPartitionsWithIndex(
                        (index, where) -> {
                            var file =
                                    stagedFile(staging, index, TaskContext.get().attemptNumber(), loadId, extension);
                            return List.of(writer.write(where.next(), file)).iterator();
                        },
                        false)
                .collect();
    }

    /** {@code <staging>/attempt-<n>/part-<range>-<load id><extension>}: attempts never share a file. */
    private static Path stagedFile(String staging, int index, int attempt, String loadId, String extension) {
        return new Path(staging, "attempt-%d/%s%05d-%s%s".formatted(attempt, FILE_PREFIX, index, loadId, extension));
    }

    /** Moves a staged file into the bronze folder under its own name. */
    private static WrittenFile moveInto(FileSystem fs, WrittenFile staged, Path target) throws IOException {
        var source = new Path(staged.path());
        var destination = new Path(target, source.getName());
        if (!fs.rename(source, destination)) {
            throw new IOException("Cannot move " + source + " to " + destination);
        }
        return new WrittenFile(destination.toString(), staged.rows());
    }

    private BronzeFileFormat format(
            BronzeSchema schema, String trxSeq, BronzeParquetSettings settings, Configuration hadoopConf) {
        var sparkSchema = schema.sparkSchema();
        // Fixed, not the session's settings: PgBinaryTupleWriter writes these physical types.
        var parquetSchema = new SparkToParquetSchemaConverter(
                        false, SQLConf.ParquetOutputTimestampType$.MODULE$.TIMESTAMP_MICROS(), false)
                .convert(sparkSchema);
        var footer = Map.of(
                ParquetReadSupport.SPARK_METADATA_KEY(),
                sparkSchema.json(),
                SPARK_VERSION_KEY,
                VersionUtils.shortVersion(spark.version()));
        return BronzeFileFormat.of(schema, trxSeq, parquetSchema, settings, footer, new HadoopConf(hadoopConf));
    }
}
