package dev.lakepipe.steps.load;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.BronzeColumn;
import dev.lakepipe.steps.source.BronzeSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Decodes PostgreSQL binary COPY tuples straight into bronze {@link InternalRow}s
 * ({@code Op='I'}, the columns, {@code trx_seq}, {@code _hoodie_is_deleted=false}). Strings are
 * referenced in the message buffer, not copied: Spark copies each row into an UnsafeRow before
 * the next message arrives.
 */
final class PgBinaryRowDecoder {

    /** {@code PGCOPY\n\377\r\n\0}, then int32 flags and int32 header-extension length. */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int POSTGRES_EPOCH_DAYS = 10_957;
    private static final long[] POW10 = new long[19];
    private static final UTF8String OP_INSERT = UTF8String.fromString("I");

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final String tableName;
    private final BronzeColumn[] columns;
    private final UTF8String trxSeq;

    PgBinaryRowDecoder(BronzeSchema schema, String trxSeq) {
        this.tableName = schema.table().name();
        this.columns = schema.columns().toArray(BronzeColumn[]::new);
        this.trxSeq = UTF8String.fromString(trxSeq);
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

    /** Decodes the tuple starting at {@code offset}, which must end with the message. */
    InternalRow decode(byte[] message, int offset) {
        int fieldCount = readShort(message, offset);
        if (fieldCount != columns.length) {
            throw new LakepipeException("Cannot read COPY output of %s: tuple has %s fields, expected %s",
                    tableName, fieldCount, columns.length);
        }
        var values = new Object[columns.length + 3];
        values[0] = OP_INSERT;
        int position = offset + 2;
        for (int i = 0; i < columns.length; i++) {
            int length = readInt(message, position);
            position += 4;
            if (length >= 0) {
                values[i + 1] = value(columns[i], message, position, length);
                position += length;
            }
        }
        if (position != message.length) {
            throw new LakepipeException("Cannot read COPY output of %s: a tuple does not end with its COPY message", tableName);
        }
        values[columns.length + 1] = trxSeq;
        values[columns.length + 2] = Boolean.FALSE;
        return new GenericInternalRow(values);
    }

    private Object value(BronzeColumn column, byte[] buffer, int offset, int length) {
        return switch (column.codec()) {
            case SHORT -> (short) readShort(buffer, offset);
            case INT -> readInt(buffer, offset);
            case LONG -> readLong(buffer, offset);
            case FLOAT -> Float.intBitsToFloat(readInt(buffer, offset));
            case DOUBLE -> Double.longBitsToDouble(readLong(buffer, offset));
            case STRING -> UTF8String.fromBytes(buffer, offset, length);
            case TIMESTAMP -> timestamp(column, readLong(buffer, offset));
            case DATE -> readInt(buffer, offset) + POSTGRES_EPOCH_DAYS;
            case BINARY -> java.util.Arrays.copyOfRange(buffer, offset, offset + length);
            case DECIMAL -> decimal(column, buffer, offset);
        };
    }

    private long timestamp(BronzeColumn column, long postgresMicros) {
        if (postgresMicros == Long.MAX_VALUE || postgresMicros == Long.MIN_VALUE) {
            throw new LakepipeException("Cannot load %s.%s: value 'infinity' has no Spark timestamp; "
                    + "replace it in the source or exclude the column", tableName, column.name());
        }
        return postgresMicros + POSTGRES_EPOCH_MICROS;
    }

    /**
     * PostgreSQL numeric on the wire: int16 ndigits, int16 weight, int16 sign, int16 dscale, then
     * ndigits base-10000 digits; digit i is worth 10000^(weight - i).
     */
    private Decimal decimal(BronzeColumn column, byte[] buffer, int offset) {
        int digitCount = readShort(buffer, offset);
        int weight = (short) readShort(buffer, offset + 2);
        int sign = readShort(buffer, offset + 4) & 0xffff;
        if (sign != 0x0000 && sign != 0x4000) {
            throw new LakepipeException("Cannot load %s.%s: NaN or infinity has no decimal value; "
                    + "replace it in the source or exclude the column", tableName, column.name());
        }
        int scale = column.scale();
        if (column.precision() <= 18) {
            long unscaled = 0;
            for (int i = 0; i < digitCount; i++) {
                long digit = readShort(buffer, offset + 8 + 2 * i);
                int exponent = 4 * (weight - i) + scale;
                unscaled += exponent >= 0 ? digit * POW10[exponent] : (exponent > -4 ? digit / POW10[-exponent] : 0);
            }
            return Decimal.createUnsafe(sign == 0 ? unscaled : -unscaled, column.precision(), scale);
        }
        var digits = BigInteger.ZERO;
        var base = BigInteger.valueOf(10_000);
        for (int i = 0; i < digitCount; i++) {
            digits = digits.multiply(base).add(BigInteger.valueOf(readShort(buffer, offset + 8 + 2 * i)));
        }
        var value = new BigDecimal(digits, -4 * (weight - digitCount + 1)).setScale(scale, java.math.RoundingMode.UNNECESSARY);
        var decimal = Decimal.apply(sign == 0 ? value : value.negate(), column.precision(), scale);
        return decimal;
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

    List<BronzeColumn> columns() {
        return List.of(columns);
    }
}
