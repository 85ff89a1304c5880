package dev.lakepipe.steps.source;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * How one source column lands in bronze: its codec (the DMS PostgreSQL→parquet mapping of docs/shared spec §1.5; the
 * Spark type is {@link BronzeSchema#sparkType}), the expression that selects it in {@code COPY (SELECT …)}, and how its
 * binary COPY value is decoded. Spark-free, so the consumer-compatibility check reads it without Spark.
 */
public record BronzeColumn(String name, Codec codec, int precision, int scale, String selectExpression)
        implements Serializable {

    /** The wire decodings the COPY reader knows; everything else is selected as {@code ::text}. */
    public enum Codec {
        SHORT,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        DECIMAL,
        STRING,
        TIMESTAMP,
        DATE,
        BINARY
    }

    /** Unconstrained {@code numeric} becomes DMS's default NUMERIC(28,6). */
    static final int DEFAULT_NUMERIC_PRECISION = 28;

    static final int DEFAULT_NUMERIC_SCALE = 6;

    /** Spark's {@code DecimalType.MAX_PRECISION}: a wider numeric lands as text. */
    static final int MAX_DECIMAL_PRECISION = 38;

    public BronzeColumn {
        requireNonNull(name, "name is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(selectExpression, "selectExpression is null");
    }

    public static BronzeColumn of(PgColumn column) {
        var quoted = column.quotedName();
        return switch (column.typeName()) {
            case "int2" -> simple(column, Codec.SHORT);
            case "int4" -> simple(column, Codec.INT);
            case "int8" -> simple(column, Codec.LONG);
            case "float4" -> simple(column, Codec.FLOAT);
            case "float8" -> simple(column, Codec.DOUBLE);
            case "varchar", "bpchar", "text", "name" -> simple(column, Codec.STRING);
            case "timestamp", "timestamptz" -> simple(column, Codec.TIMESTAMP);
            case "date" -> simple(column, Codec.DATE);
            case "bytea" -> simple(column, Codec.BINARY);
            case "money" -> new BronzeColumn(column.name(), Codec.DECIMAL, 38, 4, quoted + "::numeric(38,4)");
            case "numeric" -> numeric(column);
            default -> new BronzeColumn(column.name(), Codec.STRING, -1, -1, quoted + "::text");
        };
    }

    private static BronzeColumn simple(PgColumn column, Codec codec) {
        return new BronzeColumn(column.name(), codec, -1, -1, column.quotedName());
    }

    private static BronzeColumn numeric(PgColumn column) {
        var quoted = column.quotedName();
        if (column.precision() < 0) {
            return new BronzeColumn(
                    column.name(),
                    Codec.DECIMAL,
                    DEFAULT_NUMERIC_PRECISION,
                    DEFAULT_NUMERIC_SCALE,
                    "round(" + quoted + ", " + DEFAULT_NUMERIC_SCALE + ")");
        }
        if (column.precision() > MAX_DECIMAL_PRECISION) {
            return new BronzeColumn(column.name(), Codec.STRING, -1, -1, quoted + "::text");
        }
        return new BronzeColumn(column.name(), Codec.DECIMAL, column.precision(), column.scale(), quoted);
    }
}
