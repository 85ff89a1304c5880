package dev.lakepipe.dms.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Debezium's stand-in for a value the change does not carry: a TOASTed value an UPDATE left unchanged, under
 * {@code REPLICA IDENTITY DEFAULT} (pgoutput's unchanged-TOAST marker). DMS gets the same marker from test_decoding
 * ({@code unchanged-toast-datum}) and writes NULL for the column in its S3 files (parquet; CSV too unless
 * {@code UseCsvNoSupValue}), so the emulator writes NULL. lakepipe's source protection re-sends such values, so a
 * protected table never has one (docs/operations.md).
 */
final class UnavailableValue {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String PLACEHOLDER = "__debezium_unavailable_value";

    private static final ByteBuffer PLACEHOLDER_BYTES = ByteBuffer.wrap(PLACEHOLDER.getBytes(StandardCharsets.UTF_8));

    private UnavailableValue() {}

    /** True when a Debezium column value is the placeholder (as text, bytes, or an array holding it). */
    static boolean is(Object value) {
        if (value instanceof String text) {
            return PLACEHOLDER.equals(text);
        }
        if (value instanceof ByteBuffer bytes) {
            return PLACEHOLDER_BYTES.equals(bytes);
        }
        if (value instanceof byte[] bytes) {
            return PLACEHOLDER_BYTES.equals(ByteBuffer.wrap(bytes));
        }
        return value instanceof List<?> list && list.size() == 1 && is(list.get(0));
    }
}
