package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import io.debezium.data.VariableScaleDecimal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * DMS's PostgreSQL → S3 type mapping applied to Debezium's field schemas (with
 * {@code column.propagate.source.type}, so the PostgreSQL type name, length and scale are known).
 * numeric(p ≤ 38, s) → decimal(p,s); numeric(p > 38) → string; numeric without precision →
 * decimal(28,6) rounded half-up; money → decimal(38,4); timestamp and timestamptz → timestamp
 * (microseconds, UTC); date → date; time (PostgreSQL text form)/timetz/interval/uuid/json/arrays → string; bytea → binary;
 * boolean → boolean with {@code MapBooleanAsBoolean}, else the strings {@code true}/{@code false}.
 * LOB types (text, json, jsonb, xml, bytea, arrays) are cut to {@code LobMaxSize}.
 */
final class DmsTypeMapping {
    private static final String SOURCE_TYPE = "__debezium.source.column.type";
    private static final String SOURCE_LENGTH = "__debezium.source.column.length";
    private static final String SOURCE_SCALE = "__debezium.source.column.scale";
    private static final Set<String> LOB_TYPES = Set.of("TEXT", "JSON", "JSONB", "XML", "BYTEA");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final int UNBOUNDED_NUMERIC_PRECISION = 28;
    private static final int UNBOUNDED_NUMERIC_SCALE = 6;

    private final boolean mapBooleanAsBoolean;
    private final int lobMaxBytes;

    DmsTypeMapping(boolean mapBooleanAsBoolean, int lobMaxSizeKb) {
        this.mapBooleanAsBoolean = mapBooleanAsBoolean;
        this.lobMaxBytes = lobMaxSizeKb * 1024;
    }

    SourceColumn column(String table, Field field) {
        var schema = field.schema();
        var sourceType = parameter(schema, SOURCE_TYPE, "").toUpperCase(Locale.ROOT);
        boolean lob = LOB_TYPES.contains(sourceType) || sourceType.startsWith("_");
        var name = field.name();
        var logical = schema.name() == null ? "" : schema.name();
        return switch (logical) {
            case "org.apache.kafka.connect.data.Decimal" -> decimal(name, sourceType, schema);
            case "io.debezium.data.VariableScaleDecimal" ->
                new SourceColumn(
                        name,
                        ColumnType.decimal(UNBOUNDED_NUMERIC_PRECISION, UNBOUNDED_NUMERIC_SCALE),
                        value -> unboundedNumeric(table, name, (Struct) value));
            case "io.debezium.time.MicroTimestamp" -> new SourceColumn(name, ColumnType.TIMESTAMP, value -> value);
            case "io.debezium.time.Timestamp" ->
                new SourceColumn(name, ColumnType.TIMESTAMP, value -> TimeUnit.MILLISECONDS.toMicros((Long) value));
            case "io.debezium.time.NanoTimestamp" ->
                new SourceColumn(name, ColumnType.TIMESTAMP, value -> TimeUnit.NANOSECONDS.toMicros((Long) value));
            case "io.debezium.time.ZonedTimestamp" ->
                new SourceColumn(name, ColumnType.TIMESTAMP, value -> epochMicros(Instant.parse((String) value)));
            case "io.debezium.time.Date" -> new SourceColumn(name, ColumnType.DATE, value -> value);
            case "io.debezium.time.MicroTime" ->
                new SourceColumn(
                        name,
                        ColumnType.STRING,
                        value -> timeText(LocalTime.ofNanoOfDay(TimeUnit.MICROSECONDS.toNanos((Long) value))));
            case "io.debezium.time.Time" ->
                new SourceColumn(
                        name,
                        ColumnType.STRING,
                        value -> timeText(LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos((Integer) value))));
            default -> byConnectType(table, name, schema, lob);
        };
    }

    private SourceColumn byConnectType(String table, String name, Schema schema, boolean lob) {
        return switch (schema.type()) {
            case INT8, INT16 -> new SourceColumn(name, ColumnType.INT16, value -> ((Number) value).intValue());
            case INT32 -> new SourceColumn(name, ColumnType.INT32, value -> value);
            case INT64 -> new SourceColumn(name, ColumnType.INT64, value -> value);
            case FLOAT32 -> new SourceColumn(name, ColumnType.FLOAT, value -> value);
            case FLOAT64 -> new SourceColumn(name, ColumnType.DOUBLE, value -> value);
            case BOOLEAN ->
                mapBooleanAsBoolean
                        ? new SourceColumn(name, ColumnType.BOOLEAN, value -> value)
                        : new SourceColumn(name, ColumnType.STRING, value -> value.toString());
            case STRING ->
                new SourceColumn(name, ColumnType.STRING, lob ? value -> truncate((String) value) : value -> value);
            case BYTES -> new SourceColumn(name, ColumnType.BINARY, value -> truncate(bytes(value)));
            case ARRAY -> new SourceColumn(name, ColumnType.STRING, value -> truncate(arrayLiteral((List<?>) value)));
            case STRUCT, MAP -> new SourceColumn(name, ColumnType.STRING, value -> truncate(value.toString()));
        };
    }

    private static SourceColumn decimal(String name, String sourceType, Schema schema) {
        int scale = Integer.parseInt(parameter(schema, "scale", "0"));
        if ("MONEY".equals(sourceType)) {
            return new SourceColumn(
                    name,
                    ColumnType.decimal(38, 4),
                    value -> ((BigDecimal) value).setScale(4, RoundingMode.UNNECESSARY));
        }
        int precision = Integer.parseInt(
                parameter(schema, "connect.decimal.precision", parameter(schema, SOURCE_LENGTH, "38")));
        if (precision > 38) {
            return new SourceColumn(name, ColumnType.STRING, value -> ((BigDecimal) value).toPlainString());
        }
        int columnScale = Math.max(scale, Integer.parseInt(parameter(schema, SOURCE_SCALE, "0")));
        return new SourceColumn(
                name,
                ColumnType.decimal(precision, columnScale),
                value -> ((BigDecimal) value).setScale(columnScale, RoundingMode.UNNECESSARY));
    }

    private static Object unboundedNumeric(String table, String column, Struct value) {
        var decimal = VariableScaleDecimal.toLogical(value)
                .getDecimalValue()
                .orElseThrow(() -> new LakepipeException(
                        "Cannot write %s.%s: NaN or infinity has no DMS numeric(28,6) form; "
                                + "give the column a precision or exclude the table",
                        table, column));
        var rounded = decimal.setScale(UNBOUNDED_NUMERIC_SCALE, RoundingMode.HALF_UP);
        if (rounded.precision() > UNBOUNDED_NUMERIC_PRECISION) {
            throw new LakepipeException(
                    "Cannot write %s.%s: %s does not fit DMS's numeric(28,6) for a numeric without precision; "
                            + "declare the column numeric(p,s)",
                    table, column, decimal.toPlainString());
        }
        return rounded;
    }

    /** PostgreSQL's text form of a time ({@code 09:30:12.5}, {@code 09:30:12}), the same as the full load's {@code ::text}. */
    static String timeText(LocalTime time) {
        var text = TIME.format(time);
        var trimmed = text.replaceAll("0+$", "");
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    static long epochMicros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            var copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        return (byte[]) value;
    }

    private static String arrayLiteral(List<?> values) {
        return values.stream()
                .map(value -> value == null ? "NULL" : value.toString())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private String truncate(String value) {
        if (value.length() * 4L <= lobMaxBytes) {
            return value;
        }
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= lobMaxBytes) {
            return value;
        }
        int end = lobMaxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private byte[] truncate(byte[] value) {
        return value.length <= lobMaxBytes ? value : Arrays.copyOf(value, lobMaxBytes);
    }

    private static String parameter(Schema schema, String key, String fallback) {
        var parameters = schema.parameters();
        return parameters == null ? fallback : parameters.getOrDefault(key, fallback);
    }
}
