package dev.lakepipe.steps.apply;

import static org.apache.spark.sql.types.DataTypes.createStructField;

import dev.lakepipe.steps.hudi.HudiWriteOptions;
import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DMS-shaped change files for tests: {@code Op} first, the source columns, then {@code trx_seq} and (optionally)
 * {@code BI_<key>} columns, one parquet file per call, named and placed like DMS with date partitioning.
 */
public final class DmsFixture {

    private final SparkSession spark;
    private final Path folder;
    private final StructType sourceColumns;

    public DmsFixture(SparkSession spark, Path folder, StructType sourceColumns) {
        this.spark = spark;
        this.folder = folder;
        this.sourceColumns = sourceColumns;
    }

    /** A 35-digit AR_H_CHANGE_SEQ: 16 digits of commit time (2026-11-23 11:30:00.00 + n seconds) and counter n. */
    public static String seq(long n) {
        var seconds = 1800 + n;
        var time = String.format("2026112311%02d%02d00", seconds / 60 % 60, seconds % 60);
        return time + String.format("%019d", n);
    }

    public static Object[] change(String op, long seq, Object... values) {
        var row = new Object[values.length + 2];
        row[0] = op;
        System.arraycopy(values, 0, row, 1, values.length);
        row[row.length - 1] = seq(seq);
        return row;
    }

    public StructType changeSchema() {
        var fields = new ArrayList<StructField>();
        fields.add(createStructField("Op", DataTypes.StringType, true));
        fields.addAll(Arrays.asList(sourceColumns.fields()));
        fields.add(createStructField("trx_seq", DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /** Writes {@code rows} (from {@link #change}) as {@code <folder>/<relativePath>} with the change schema. */
    public Path write(String relativePath, List<Object[]> rows) {
        return write(relativePath, changeSchema(), rows);
    }

    Path write(String relativePath, StructType schema, List<Object[]> rows) {
        var data = rows.stream().map(RowFactory::create).toList();
        return write(folder.resolve(relativePath), spark.createDataFrame(data, schema));
    }

    /** Writes {@code rows} as the one parquet file {@code target}, as DMS writes a change file. */
    public static Path write(Path target, Dataset<Row> rows) {
        try {
            var staging = Files.createTempDirectory("dms-fixture");
            rows.coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(staging.resolve("out").toString());
            try (Stream<Path> parts = Files.list(staging.resolve("out"))) {
                var part = parts.filter(path -> path.getFileName().toString().endsWith(".parquet"))
                        .findFirst()
                        .orElseThrow();
                Files.createDirectories(target.getParent());
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            FileTrees.deleteRecursively(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** The silver table as seed_hudi leaves it: bulk insert of full-load rows (Op = I, trx_seq given). */
    public static void seed(SparkSession spark, ApplyTable table, StructType schema, List<Object[]> rows) {
        seed(spark, table, schema, rows, Map.of());
    }

    /** {@link #seed} with the seed commit's extra metadata (e.g. the handoff seq seed_hudi records). */
    public static void seed(
            SparkSession spark,
            ApplyTable table,
            StructType schema,
            List<Object[]> rows,
            Map<String, String> commitMetadata) {
        var data = new ArrayList<Row>();
        for (var row : rows) {
            var values = Arrays.copyOf(row, row.length + 1);
            values[row.length] = false;
            data.add(RowFactory.create(values));
        }
        var withFlag = schema.add(createStructField("_hoodie_is_deleted", DataTypes.BooleanType, true));
        spark.createDataFrame(data, withFlag)
                .write()
                .format("hudi")
                .options(HudiWriteOptions.of(table.hudi()).bulkInsert(2, withFlag))
                .options(commitMetadata)
                .mode(SaveMode.Overwrite)
                .save(table.basePath());
    }
}
