package dev.lakepipe.steps.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgColumn;
import dev.lakepipe.steps.source.PgTable;
import dev.lakepipe.steps.spark.HadoopConf;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgBinaryTupleWriterTest {

    private static final String SEQ = "2026112312000000" + "0".repeat(19);
    private static final BronzeSchema SCHEMA = BronzeSchema.of(new PgTable(
            "public",
            "t",
            List.of(
                    new PgColumn("id", "int4", -1, -1, false),
                    new PgColumn("amount", "numeric", 12, 2, true),
                    new PgColumn("wide", "numeric", 30, 10, true),
                    new PgColumn("small", "numeric", 4, 1, true),
                    new PgColumn("free", "numeric", -1, -1, true),
                    new PgColumn("name", "bpchar", -1, -1, true),
                    new PgColumn("at", "timestamptz", -1, -1, true)),
            List.of()));

    @TempDir
    Path dir;

    private final PgBinaryTupleWriter writer = new PgBinaryTupleWriter(SCHEMA);

    @Test
    void writesNumericsStringsTimestampsAndTheBronzeColumnsAsSparkReadsThem() throws IOException {
        // -1234.50 = digits [1234, 5000], weight 0, sign 0x4000, dscale 2
        var row = writeAndRead(tuple(
                intBytes(42),
                numeric(0, 0x4000, 2, 1234, 5000),
                numeric(-3, 0, 10, 100), // 0.0000000001 = 100 x 10000^-3
                numeric(0, 0x4000, 1, 12, 3000), // -12.3
                numeric(1, 0x4000, 6, 12, 3456, 7800), // -123456.78
                "ab  ".getBytes(StandardCharsets.UTF_8),
                longBytes(1_000_000L))); // 2000-01-01T00:00:01Z

        assertThat(row.<String>getAs("Op")).isEqualTo("I");
        assertThat(row.<Integer>getAs("id")).isEqualTo(42);
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("-1234.50");
        assertThat(row.<BigDecimal>getAs("wide")).isEqualByComparingTo("0.0000000001");
        assertThat(row.<BigDecimal>getAs("small")).isEqualByComparingTo("-12.3");
        assertThat(row.<BigDecimal>getAs("free")).isEqualByComparingTo("-123456.78");
        assertThat(row.<String>getAs("name")).isEqualTo("ab  ");
        assertThat(row.<Timestamp>getAs("at").toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:01Z"));
        assertThat(row.<String>getAs("trx_seq")).isEqualTo(SEQ);
        assertThat(row.<Boolean>getAs("_hoodie_is_deleted")).isFalse();
    }

    @Test
    void writesWideNumericsAndNulls() throws IOException {
        // 7.0000000001 = digits [7, 0, 0, 100] with weight 0: 7 + 0 + 0 + 100e-12
        var row = writeAndRead(
                tuple(intBytes(1), numeric(0, 0, 2, 0), numeric(0, 0x4000, 10, 7, 0, 0, 100), null, null, null, null));

        assertThat(row.<BigDecimal>getAs("wide")).isEqualByComparingTo("-7.0000000001");
        assertThat(row.isNullAt(row.fieldIndex("small"))).isTrue();
        assertThat(row.isNullAt(row.fieldIndex("name"))).isTrue();
        assertThat(row.isNullAt(row.fieldIndex("at"))).isTrue();
    }

    @Test
    void rejectsATupleOfAnotherShape() throws IOException {
        var bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeShort(1);
        var file = create(dir.resolve("shape.parquet"));

        assertThatThrownBy(() -> writer.write(bytes.toByteArray(), 0, file))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot read COPY output of public.t: tuple has 1 fields, expected 7");
    }

    @Test
    void rejectsAnUnconstrainedNumericTooWideForTheDefaultPrecision() throws IOException {
        // 10^24 = digit 1 with weight 6: 25 digits before the point do not fit NUMERIC(28,6)
        var tuple = tuple(intBytes(1), null, null, null, numeric(6, 0, 0, 1), null, null);
        var file = create(dir.resolve("wide.parquet"));

        assertThatThrownBy(() -> writer.write(tuple, 0, file))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Cannot load public.t.free: value 1000000000000000000000000.000000 has more than the 28 digits of NUMERIC(28,6)");
    }

    @Test
    void anAbortedFileIsGone() throws IOException {
        var path = dir.resolve("aborted.parquet");
        var file = create(path);
        writer.write(tuple(intBytes(1), null, null, null, null, null, null), 0, file);

        file.abort(new IllegalStateException("read failed"));

        assertThat(path).doesNotExist();
    }

    @Test
    void rejectsANullInANotNullColumn() throws IOException {
        var file = create(dir.resolve("null.parquet"));

        assertThatThrownBy(() -> writer.write(tuple(null, null, null, null, null, null, null), 0, file))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot load public.t.id: COPY sent a NULL for a NOT NULL column; check the column's constraint");
    }

    @Test
    void notNullAndConstantColumnsAreRequiredAndTheRestOptional() throws IOException {
        var path = dir.resolve("levels.parquet");
        var file = create(path);
        for (int i = 0; i < 3; i++) {
            writer.write(tuple(intBytes(i), null, null, null, null, null, null), 0, file);
        }
        file.finish();

        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(path), new Configuration()))) {
            var schema = reader.getFileMetaData().getSchema();
            assertThat(schema.getFields().stream()
                            .filter(field -> field.isRepetition(Type.Repetition.REQUIRED))
                            .map(Type::getName))
                    .containsExactly("Op", "id", "trx_seq", "_hoodie_is_deleted");
            assertThat(reader.getRecordCount()).isEqualTo(3);
        }
        var rows = StepSpark.session("test").read().parquet(path.toUri().toString());
        assertThat(rows.where("Op = 'I' AND trx_seq = '" + SEQ + "' AND NOT _hoodie_is_deleted")
                        .count())
                .isEqualTo(3);
    }

    @Test
    void everyRowGroupGetsItsConstantsAndValues() throws IOException {
        var conf = new Configuration();
        conf.setInt("parquet.block.size", 4096);
        var path = dir.resolve("groups.parquet");
        var file = create(path, conf);
        for (int i = 0; i < 5000; i++) {
            writer.write(
                    tuple(
                            intBytes(i),
                            null,
                            null,
                            null,
                            null,
                            "n".repeat(i % 7).getBytes(StandardCharsets.UTF_8),
                            null),
                    0,
                    file);
        }
        file.finish();

        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(path), conf))) {
            assertThat(reader.getRowGroups()).hasSizeGreaterThan(2);
        }
        var rows = StepSpark.session("test").read().parquet(path.toUri().toString());
        assertThat(rows.where("Op = 'I' AND trx_seq = '" + SEQ + "' AND NOT _hoodie_is_deleted")
                        .count())
                .isEqualTo(5000);
        assertThat(rows.selectExpr("sum(id)", "sum(length(name))").first().toString())
                .isEqualTo("[12497500,14995]");
    }

    private Row writeAndRead(byte[] tuple) throws IOException {
        var path = dir.resolve("t.parquet");
        var file = create(path);
        writer.write(tuple, 0, file);
        file.finish();
        assertThat(file.rows()).isEqualTo(1);
        var rows = StepSpark.session("test").read().parquet(path.toUri().toString());
        assertThat(rows.schema()).isEqualTo(SCHEMA.sparkSchema());
        return rows.first();
    }

    private static BronzeParquetFile create(Path path) throws IOException {
        return create(path, new Configuration());
    }

    private static BronzeParquetFile create(Path path, Configuration conf) throws IOException {
        Files.createDirectories(path.getParent());
        var parquetSchema = new SparkToParquetSchemaConverter(
                        StepSpark.session("test").sessionState().conf())
                .convert(SCHEMA.sparkSchema());
        var format = BronzeFileFormat.of(
                SCHEMA, SEQ, parquetSchema, BronzeParquetSettings.of("snappy", conf), Map.of(), new HadoopConf(conf));
        return format.create(hadoopPath(path));
    }

    private static byte[] tuple(byte[]... fields) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeShort(fields.length);
        for (var field : fields) {
            if (field == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(field.length);
                out.write(field);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] numeric(int weight, int sign, int dscale, int... digits) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeShort(digits.length);
        out.writeShort(weight);
        out.writeShort(sign);
        out.writeShort(dscale);
        for (var digit : digits) {
            out.writeShort(digit);
        }
        return bytes.toByteArray();
    }

    private static byte[] intBytes(int value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeInt(value);
        return bytes.toByteArray();
    }

    private static byte[] longBytes(long value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeLong(value);
        return bytes.toByteArray();
    }

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // java.nio.file.Path is this file's Path
    private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
        return new org.apache.hadoop.fs.Path(path.toUri());
    }
}
