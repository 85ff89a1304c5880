package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a failure to read or apply a batch into an error that names the file to blame. Runs only after a failure, so
 * the common path pays nothing: it reads the footer of each file of the batch (a 0-byte, garbage or cut-short file has
 * none) and, for a type conflict, reconciles each file's own schema until one fails.
 */
final class BatchDiagnosis {

    private final SparkSession spark;
    private final Configuration hadoopConf;
    private final ApplyTable table;
    private final List<ChangeFile> batch;

    BatchDiagnosis(SparkSession spark, ApplyTable table, List<ChangeFile> batch) {
        this.spark = requireNonNull(spark, "spark is null");
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
        this.table = requireNonNull(table, "table is null");
        this.batch = List.copyOf(batch);
    }

    /**
     * The error for {@code failure} (not a {@link LakepipeException}) while reading or applying the batch: a file without
     * a readable footer, else a file whose own schema {@code reconcile} refuses (Spark's schema merge names no file), else
     * a file the failure mentions.
     */
    LakepipeException explain(Exception failure, SchemaCheck reconcile) {
        for (var file : batch) {
            var unreadable = unreadable(file);
            if (unreadable.isPresent()) {
                return new IncompatibleChangeException(
                        failure,
                        "Invalid change file %s of %s: not a readable parquet file (%s);"
                                + " DMS writes whole parquet files, so it is corrupt or cut short. Nothing of it was applied and the checkpoint"
                                + " is unchanged: restore the file or move it out of %s (then rerun)",
                        file.relativePath(),
                        table.table(),
                        unreadable.get(),
                        table.changeFolder());
            }
        }
        var schemaConflict = blameSchema(null, reconcile);
        if (schemaConflict != null) {
            return schemaConflict;
        }
        var named = batch.stream().filter(file -> mentions(failure, file)).findFirst();
        return new IncompatibleChangeException(
                failure,
                "Cannot apply change files %s of %s: %s; nothing of them was applied and the"
                        + " checkpoint is unchanged: fix or move the offending file out of %s (then rerun)",
                named.map(ChangeFile::relativePath).orElse(span(batch)),
                table.table(),
                rootMessage(failure),
                table.changeFolder());
    }

    /**
     * {@code failure} of the whole batch's schema, blamed on the first file whose own schema {@code reconcile} refuses;
     * {@code failure} itself when every file passes.
     */
    IncompatibleChangeException blameSchema(IncompatibleChangeException failure, SchemaCheck reconcile) {
        for (var file : batch) {
            try {
                reconcile.check(table.transformer()
                        .apply(spark, spark.read().parquet(file.path()), table.table())
                        .schema());
            } catch (IncompatibleChangeException e) {
                return new IncompatibleChangeException(
                        failure == null ? e : failure,
                        "%s (in change file %s; move it out of %s, then rerun)",
                        e.getMessage(),
                        file.relativePath(),
                        table.changeFolder());
            }
        }
        return failure;
    }

    /** A check of one file's schema that throws {@link IncompatibleChangeException}. */
    interface SchemaCheck {
        void check(StructType schema);
    }

    private Optional<String> unreadable(ChangeFile file) {
        if (file.length() == 0) {
            return Optional.of("0 bytes");
        }
        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), hadoopConf))) {
            reader.getFooter();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static boolean mentions(Throwable failure, ChangeFile file) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(file.relativePath())) {
                return true;
            }
        }
        return false;
    }

    /** The batch's files, "a" or "a .. b". */
    static String span(List<ChangeFile> batch) {
        var first = batch.get(0).relativePath();
        var last = batch.get(batch.size() - 1).relativePath();
        return first.equals(last) ? first : first + " .. " + last;
    }

    private static String rootMessage(Throwable failure) {
        var root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = String.valueOf(root.getMessage());
        var end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
