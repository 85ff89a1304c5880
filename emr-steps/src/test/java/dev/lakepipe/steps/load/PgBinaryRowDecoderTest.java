package dev.lakepipe.steps.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgColumn;
import dev.lakepipe.steps.source.PgTable;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgBinaryRowDecoderTest {

    private static final String SEQ = "2026112312000000" + "0".repeat(19);

    private final PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(BronzeSchema.of(new PgTable("public", "t", List.of(
            new PgColumn("amount", "numeric", 12, 2, true),
            new PgColumn("wide", "numeric", 30, 10, true),
            new PgColumn("name", "bpchar", -1, -1, true),
            new PgColumn("at", "timestamptz", -1, -1, true)), List.of())), SEQ);

    @Test
    void decodesNumericsStringsTimestampsAndTheBronzeColumns() throws IOException {
        // -1234.50 = digits [1234, 5000], weight 0, sign 0x4000, dscale 2
        var tuple = tuple(
                numeric(0, 0x4000, 2, 1234, 5000),
                numeric(-3, 0, 10, 100),                            // 0.0000000001 = 100 x 10000^-3
                "ab  ".getBytes(StandardCharsets.UTF_8),
                longBytes(1_000_000L));                             // 2000-01-01T00:00:01Z
        var row = decoder.decode(tuple, 0);

        assertThat(row.getUTF8String(0).toString()).isEqualTo("I");
        assertThat(row.getDecimal(1, 12, 2).toJavaBigDecimal()).isEqualByComparingTo("-1234.50");
        assertThat(row.getDecimal(2, 30, 10).toJavaBigDecimal()).isEqualByComparingTo("0.0000000001");
        assertThat(row.getUTF8String(3).toString()).isEqualTo("ab  ");
        assertThat(row.getLong(4)).isEqualTo(946_684_801_000_000L);
        assertThat(row.getUTF8String(5).toString()).isEqualTo(SEQ);
        assertThat(row.getBoolean(6)).isFalse();
    }

    @Test
    void decodesWideNumericsThroughBigDecimal() throws IOException {
        // 7.0000000001 = digits [7, 0, 0, 100] with weight 0: 7 + 0 + 0 + 100e-12
        var row = decoder.decode(tuple(numeric(0, 0, 2, 0), numeric(0, 0, 10, 7, 0, 0, 100), null, null), 0);

        assertThat(row.getDecimal(2, 30, 10).toJavaBigDecimal()).isEqualByComparingTo("7.0000000001");
        assertThat(row.isNullAt(3)).isTrue();
        assertThat(row.isNullAt(4)).isTrue();
    }

    @Test
    void rejectsATupleOfAnotherShape() throws IOException {
        var bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeShort(1);
        assertThatThrownBy(() -> decoder.decode(bytes.toByteArray(), 0))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot read COPY output of public.t: tuple has 1 fields, expected 4");
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

    private static byte[] longBytes(long value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeLong(value);
        return bytes.toByteArray();
    }
}
