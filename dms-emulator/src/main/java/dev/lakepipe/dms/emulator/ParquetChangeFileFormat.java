package dev.lakepipe.dms.emulator;

import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.dms.ParquetVersion;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet change files as DMS writes them: every column optional; strings UTF8; smallint INT32
 * annotated INT(16); decimals INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision; dates INT32 DATE;
 * timestamps INT64 TIMESTAMP(MICROS or MILLIS, isAdjustedToUTC=true). No Spark, no Hadoop file system
 * for writing (local {@link java.nio} file), Hadoop's codecs for compression.
 */
final class ParquetChangeFileFormat implements ChangeFileFormat {
    private static final Configuration CONFIGURATION = new Configuration(false);

    private final DmsS3Settings settings;

    ParquetChangeFileFormat(DmsS3Settings settings) {
        this.settings = settings;
    }

    static MessageType schema(TableLayout layout, boolean timestampMillis) {
        var builder = Types.buildMessage();
        for (var column : layout.columns()) {
            builder.addField(field(column, timestampMillis));
        }
        return builder.named(layout.table().table());
    }

    @Override
    public void write(Path file, TableLayout layout, List<Object[]> rows, long maxPosition) throws IOException {
        var schema = schema(layout, settings.parquetTimestampInMillisecond());
        var metadata = Map.of(MAX_POSITION_KEY, Long.toString(maxPosition));
        try (var writer = new Builder(
                        new LocalOutputFile(file), schema, metadata, settings.parquetTimestampInMillisecond())
                .withConf(CONFIGURATION)
                .withCompressionCodec(
                        settings.compressionType() == CompressionType.GZIP
                                ? CompressionCodecName.GZIP
                                : CompressionCodecName.UNCOMPRESSED)
                .withWriterVersion(
                        settings.parquetVersion() == ParquetVersion.PARQUET_2_0
                                ? WriterVersion.PARQUET_2_0
                                : WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true)
                .build()) {
            for (var row : rows) {
                writer.write(row);
            }
        }
    }

    /**
     * Writes and deletes a one-row file in {@code directory}, so that Hadoop's and parquet's
     * start-up cost (seconds on a busy machine) is paid before changes stream, not by the first file.
     */
    void warmUp(Path directory) throws IOException {
        var file = directory.resolve(".warmup.parquet");
        Files.deleteIfExists(file);
        var schema = Types.buildMessage()
                .addField(Types.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType())
                        .named("x"))
                .named("warmup");
        try (var writer = new Builder(new LocalOutputFile(file), schema, Map.of(), false)
                .withConf(CONFIGURATION)
                .withCompressionCodec(
                        settings.compressionType() == CompressionType.GZIP
                                ? CompressionCodecName.GZIP
                                : CompressionCodecName.UNCOMPRESSED)
                .build()) {
            writer.write(new Object[] {"x"});
        }
        Files.deleteIfExists(file);
    }

    @Override
    public OptionalLong maxPosition(Path file, int trailingColumnsAfterSequence) throws IOException {
        var input = HadoopInputFile.fromPath(hadoopPath(file), CONFIGURATION);
        try (var reader = ParquetFileReader.open(input)) {
            var value =
                    reader.getFooter().getFileMetaData().getKeyValueMetaData().get(MAX_POSITION_KEY);
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        }
    }

    private static Type field(OutputColumn column, boolean timestampMillis) {
        var type = column.type();
        var optional = Types.optional(
                switch (type.kind()) {
                    case STRING, BINARY -> PrimitiveTypeName.BINARY;
                    case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
                    case INT16, INT32, DATE -> PrimitiveTypeName.INT32;
                    case INT64, TIMESTAMP -> PrimitiveTypeName.INT64;
                    case FLOAT -> PrimitiveTypeName.FLOAT;
                    case DOUBLE -> PrimitiveTypeName.DOUBLE;
                    case DECIMAL -> decimalPrimitive(type.precision());
                });
        var annotation = switch (type.kind()) {
            case STRING -> LogicalTypeAnnotation.stringType();
            case INT16 -> LogicalTypeAnnotation.intType(16, true);
            case DATE -> LogicalTypeAnnotation.dateType();
            case TIMESTAMP ->
                LogicalTypeAnnotation.timestampType(true, timestampMillis ? TimeUnit.MILLIS : TimeUnit.MICROS);
            case DECIMAL -> LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
            default -> null;
        };
        if (annotation != null) {
            optional = optional.as(annotation);
        }
        if (type.kind() == ColumnType.Kind.DECIMAL && type.precision() > 18) {
            optional = optional.length(decimalBytes(type.precision()));
        }
        return optional.named(column.name());
    }

    /** Fewest bytes whose two's complement holds every value of the precision (Spark's rule). */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
            bytes++;
        }
        return bytes;
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;
        private final Map<String, String> metadata;
        private final boolean timestampMillis;

        Builder(LocalOutputFile file, MessageType schema, Map<String, String> metadata, boolean timestampMillis) {
            super(file);
            this.schema = schema;
            this.metadata = metadata;
            this.timestampMillis = timestampMillis;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, metadata, timestampMillis);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final Map<String, String> metadata;
        private final boolean timestampMillis;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, Map<String, String> metadata, boolean timestampMillis) {
            this.schema = schema;
            this.metadata = metadata;
            this.timestampMillis = timestampMillis;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                if (row[i] != null) {
                    var field = schema.getType(i);
                    consumer.startField(field.getName(), i);
                    writeValue(field.asPrimitiveType().getPrimitiveTypeName(), field, row[i]);
                    consumer.endField(field.getName(), i);
                }
            }
            consumer.endMessage();
        }

        private void writeValue(PrimitiveTypeName physical, Type field, Object value) {
            switch (physical) {
                case BINARY ->
                    consumer.addBinary(
                            value instanceof String text
                                    ? Binary.fromString(text)
                                    : Binary.fromConstantByteArray((byte[]) value));
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case INT32 ->
                    consumer.addInteger(
                            value instanceof BigDecimal decimal
                                    ? decimal.unscaledValue().intValueExact()
                                    : (Integer) value);
                case INT64 -> consumer.addLong(int64(field, value));
                case FLOAT -> consumer.addFloat((Float) value);
                case DOUBLE -> consumer.addDouble((Double) value);
                case FIXED_LEN_BYTE_ARRAY ->
                    consumer.addBinary(Binary.fromConstantByteArray(fixedDecimal(
                            (BigDecimal) value, field.asPrimitiveType().getTypeLength())));
                default ->
                    throw new IllegalStateException("Unexpected parquet type " + physical + " for " + field.getName());
            }
        }

        private long int64(Type field, Object value) {
            if (value instanceof BigDecimal decimal) {
                return decimal.unscaledValue().longValueExact();
            }
            long micros = (Long) value;
            boolean timestamp =
                    field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
            return timestamp && timestampMillis ? Math.floorDiv(micros, 1000) : micros;
        }

        private static byte[] fixedDecimal(BigDecimal value, int length) {
            var unscaled = value.unscaledValue().toByteArray();
            var bytes = new byte[length];
            byte pad = (byte) (value.signum() < 0 ? 0xFF : 0x00);
            int offset = length - unscaled.length;
            for (int i = 0; i < offset; i++) {
                bytes[i] = pad;
            }
            System.arraycopy(unscaled, 0, bytes, offset, unscaled.length);
            return bytes;
        }
    }

    /** Parquet's smallest physical type for a decimal of this precision (INT32 to 9 digits, INT64 to 18). */
    private static PrimitiveTypeName decimalPrimitive(int precision) {
        if (precision <= 9) {
            return PrimitiveTypeName.INT32;
        }
        return precision <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    }

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // java.nio.file.Path is this file's Path
    private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri());
    }
}
