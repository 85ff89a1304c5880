package dev.lakepipe.dms.emulator;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of one column of a change file, as DMS types it in parquet (and renders it in CSV).
 * Values travel as: STRING {@code String}, BINARY {@code byte[]}, BOOLEAN {@code Boolean}, INT16 and
 * INT32 {@code Integer}, INT64 {@code Long}, FLOAT {@code Float}, DOUBLE {@code Double}, DECIMAL
 * {@code BigDecimal} at the column's scale, DATE {@code Integer} days since 1970-01-01, TIMESTAMP
 * {@code Long} microseconds since 1970-01-01T00:00Z.
 */
record ColumnType(Kind kind, int precision, int scale) {

    enum Kind {
        STRING,
        BINARY,
        BOOLEAN,
        INT16,
        INT32,
        INT64,
        FLOAT,
        DOUBLE,
        DECIMAL,
        DATE,
        TIMESTAMP
    }

    static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
    static final ColumnType BINARY = new ColumnType(Kind.BINARY, 0, 0);
    static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    static final ColumnType INT16 = new ColumnType(Kind.INT16, 0, 0);
    static final ColumnType INT32 = new ColumnType(Kind.INT32, 0, 0);
    static final ColumnType INT64 = new ColumnType(Kind.INT64, 0, 0);
    static final ColumnType FLOAT = new ColumnType(Kind.FLOAT, 0, 0);
    static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
    static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);

    ColumnType {
        Objects.requireNonNull(kind, "kind is null");
        if (kind == Kind.DECIMAL && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("Invalid decimal type: decimal(%d,%d)".formatted(precision, scale));
        }
    }

    static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL
                ? "decimal(%d,%d)".formatted(precision, scale)
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
