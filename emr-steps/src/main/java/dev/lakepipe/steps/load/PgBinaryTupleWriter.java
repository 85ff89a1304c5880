package dev.lakepipe.steps.load;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.BronzeColumn;
import dev.lakepipe.steps.source.BronzeSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.Decimal;

/**
 * Decodes PostgreSQL binary COPY tuples straight into the columns of a {@link BronzeParquetFile}
 * as bronze rows: the source columns and {@code _hoodie_is_deleted=false} (the file writes the
 * constant {@code Op} and {@code trx_seq} itself).
 * Values land in the physical types Spark's parquet writer uses for the bronze Spark schema
 * (decimals up to 9 digits as INT32, up to 18 as INT64, wider as fixed-length two's complement),
 * so Spark and Hudi read these files exactly as files Spark wrote. Strings and bytes are handed to
 * parquet as views of the COPY message; parquet copies what it keeps.
 */
final class PgBinaryTupleWriter {

    /** {@code PGCOPY\n\377\r\n\0}, then int32 flags and int32 header-extension length. */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int POSTGRES_EPOCH_DAYS = 10_957;
    private static final long[] POW10 = new long[19];
    /** The definition level of a null, and of a value in a required column. */
    private static final int NULL = 0;

    private static final int REQUIRED_VALUE = 0;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final String tableName;
    private final BronzeColumn[] columns;
    private final int isDeletedIndex;

    PgBinaryTupleWriter(BronzeSchema schema) {
        this.tableName = schema.table().name();
        this.columns = schema.columns().toArray(BronzeColumn[]::new);
        this.isDeletedIndex = schema.sparkSchema().fieldIndex(BronzeSchema.IS_DELETED);
    }

    /** Length of the file header at the start of {@code message}. */
    int headerLength(byte[] message) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (message.length < SIGNATURE.length + 8 || message[i] != SIGNATURE[i]) {
                throw new LakepipeException("Cannot read COPY output of %s: missing binary COPY signature", tableName);
            }
        }
        return SIGNATURE.length + 8 + readInt(message, SIGNATURE.length + 4);
    }

    /** True when the tuple at {@code offset} is the end-of-data marker (field count -1). */
    static boolean isTrailer(byte[] message, int offset) {
        return readShort(message, offset) == -1;
    }

    /** Writes the tuple starting at {@code offset}, which must end with the message, as one bronze row. */
    void write(byte[] message, int offset, BronzeParquetFile file) throws IOException {
        int fieldCount = readShort(message, offset);
        if (fieldCount != columns.length) {
            throw new LakepipeException(
                    "Cannot read COPY output of %s: tuple has %s fields, expected %s",
                    tableName, fieldCount, columns.length);
        }
        int position = offset + 2;
        for (int i = 0; i < columns.length; i++) {
            int length = readInt(message, position);
            position += 4;
            var column = file.column(i + 1);
            int level = file.valueLevel(i + 1);
            if (length < 0) {
                writeNull(i, column, level);
            } else {
                write(columns[i], message, position, length, column, level);
                position += length;
            }
        }
        if (position != message.length) {
            throw new LakepipeException(
                    "Cannot read COPY output of %s: a tuple does not end with its COPY message", tableName);
        }
        file.column(isDeletedIndex).write(false, 0, file.valueLevel(isDeletedIndex));
        file.endRow();
    }

    /** A NOT NULL column is a required parquet column, which has no way to hold a null. */
    private void writeNull(int index, ColumnWriter column, int level) {
        if (level == REQUIRED_VALUE) {
            throw new LakepipeException(
                    "Cannot load %s.%s: COPY sent a NULL for a NOT NULL column; check the column's constraint",
                    tableName, columns[index].name());
        }
        column.writeNull(0, NULL);
    }

    private void write(BronzeColumn column, byte[] buffer, int offset, int length, ColumnWriter out, int level) {
        switch (column.codec()) {
            case SHORT -> out.write(readShort(buffer, offset), 0, level);
            case INT -> out.write(readInt(buffer, offset), 0, level);
            case LONG -> out.write(readLong(buffer, offset), 0, level);
            case FLOAT -> out.write(Float.intBitsToFloat(readInt(buffer, offset)), 0, level);
            case DOUBLE -> out.write(Double.longBitsToDouble(readLong(buffer, offset)), 0, level);
            case STRING, BINARY -> out.write(Binary.fromReusedByteArray(buffer, offset, length), 0, level);
            case TIMESTAMP -> out.write(timestamp(column, readLong(buffer, offset)), 0, level);
            case DATE -> out.write(readInt(buffer, offset) + POSTGRES_EPOCH_DAYS, 0, level);
            case DECIMAL -> writeDecimal(column, buffer, offset, out, level);
        }
    }

    private long timestamp(BronzeColumn column, long postgresMicros) {
        if (postgresMicros == Long.MAX_VALUE || postgresMicros == Long.MIN_VALUE) {
            throw new LakepipeException(
                    "Cannot load %s.%s: value 'infinity' has no Spark timestamp; "
                            + "replace it in the source or exclude the column",
                    tableName, column.name());
        }
        return postgresMicros + POSTGRES_EPOCH_MICROS;
    }

    /**
     * PostgreSQL numeric on the wire: int16 ndigits, int16 weight, int16 sign, int16 dscale, then
     * ndigits base-10000 digits; digit i is worth 10000^(weight - i).
     */
    private void writeDecimal(BronzeColumn column, byte[] buffer, int offset, ColumnWriter out, int level) {
        int digitCount = readShort(buffer, offset);
        int weight = (short) readShort(buffer, offset + 2);
        int sign = readShort(buffer, offset + 4) & 0xffff;
        if (sign != 0x0000 && sign != 0x4000) {
            throw new LakepipeException(
                    "Cannot load %s.%s: NaN or infinity has no decimal value; "
                            + "replace it in the source or exclude the column",
                    tableName, column.name());
        }
        int precision = column.precision();
        if (precision > Decimal.MAX_LONG_DIGITS()) {
            out.write(
                    Binary.fromConstantByteArray(wideUnscaled(column, buffer, offset, digitCount, weight, sign)),
                    0,
                    level);
            return;
        }
        long unscaled = 0;
        for (int i = 0; i < digitCount; i++) {
            long digit = readShort(buffer, offset + 8 + 2 * i);
            int exponent = 4 * (weight - i) + column.scale();
            if (exponent >= 0) {
                unscaled += digit * POW10[exponent];
            } else if (exponent > -4) {
                unscaled += digit / POW10[-exponent];
            }
        }
        unscaled = sign == 0 ? unscaled : -unscaled;
        if (precision <= Decimal.MAX_INT_DIGITS()) {
            out.write((int) unscaled, 0, level);
        } else {
            out.write(unscaled, 0, level);
        }
    }

    /** The unscaled value as the big-endian two's complement of Spark's fixed length for the precision. */
    private byte[] wideUnscaled(BronzeColumn column, byte[] buffer, int offset, int digitCount, int weight, int sign) {
        var digits = BigInteger.ZERO;
        var base = BigInteger.valueOf(10_000);
        for (int i = 0; i < digitCount; i++) {
            digits = digits.multiply(base).add(BigInteger.valueOf(readShort(buffer, offset + 8 + 2 * i)));
        }
        var value = new BigDecimal(digits, -4 * (weight - digitCount + 1))
                .setScale(column.scale(), RoundingMode.UNNECESSARY);
        var unscaled = (sign == 0 ? value : value.negate()).unscaledValue();
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(column.precision())) >= 0) {
            throw new LakepipeException(
                    "Cannot load %s.%s: value %s has more than the %s digits of NUMERIC(%s,%s); "
                            + "declare the column with a precision that fits its values",
                    tableName,
                    column.name(),
                    value.toPlainString(),
                    column.precision(),
                    column.precision(),
                    column.scale());
        }
        var bytes = unscaled.toByteArray();
        var fixed = new byte[Decimal.minBytesForPrecision()[column.precision()]];
        Arrays.fill(fixed, 0, fixed.length - bytes.length, (byte) (unscaled.signum() < 0 ? -1 : 0));
        System.arraycopy(bytes, 0, fixed, fixed.length - bytes.length, bytes.length);
        return fixed;
    }

    static int readShort(byte[] b, int i) {
        return (short) (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
    }

    static int readInt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long readLong(byte[] b, int i) {
        return ((long) readInt(b, i) << 32) | (readInt(b, i + 4) & 0xffffffffL);
    }
}
