package dev.lakepipe.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * What an Athena user could meet in the lake, planted into one file or metastore entry of the silver order_line table
 * (its last partition, the highest {@code ol_w_id}) and taken out again by {@link Planted#close()}. Data defects rewrite the base file
 * Trino reads (its {@code $path}) with parquet's example writer, keeping its schema and footer metadata.
 */
enum PlantedDefect {
    /** A row flagged deleted still in the latest file slice: a reader that does not filter on the flag counts it. */
    DELETED_ROW_VISIBLE("ol_amount IS NOT NULL") {
        @Override
        List<Group> change(List<Group> rows) {
            var deleted = copy(rows.get(0), "ol_number", 1_000);
            deleted = copy(deleted, "_hoodie_record_key", Binary.fromString("planted-deleted-row"));
            return append(rows, copy(deleted, "_hoodie_is_deleted", true));
        }
    },
    /** The same record key twice, as a second file group or a lost index would give. */
    DUPLICATE_KEY("ol_amount IS NOT NULL") {
        @Override
        List<Group> change(List<Group> rows) {
            return append(rows, rows.get(0));
        }
    },
    /** ol_amount written at scale 1 and read at scale 2: every amount a tenth of the source's. */
    DECIMAL_RESCALED("ol_amount <> 0") {
        @Override
        List<Group> change(List<Group> rows) {
            return rows.stream()
                    .map(row -> map(row, "ol_amount", PlantedDefect::aTenth))
                    .toList();
        }
    },
    /** ol_delivery_d one hour late: a writer or reader in another time zone. */
    TIMESTAMP_SHIFTED("ol_delivery_d IS NOT NULL") {
        @Override
        List<Group> change(List<Group> rows) {
            return rows.stream()
                    .map(row -> map(row, "ol_delivery_d", PlantedDefect::plusOneHour))
                    .toList();
        }
    },
    /** The partition's metastore entry missing: Trino, like Athena, lists partitions from the catalog. */
    PARTITION_NOT_REGISTERED(null) {
        @Override
        Planted plant(Path metastore, TrinoConsumerCheck trino) {
            var entry = orderLine(metastore).resolve("ol_w_id=" + trino.lastWarehouse(TABLE) + "/.trinoSchema");
            var original = read(entry);
            delete(entry);
            return () -> Files.write(entry, original);
        }
    },
    /** The table registered as plain Parquet, as a crawler would: the Hudi connector cannot read it. */
    TABLE_NOT_READABLE(null) {
        @Override
        Planted plant(Path metastore, TrinoConsumerCheck trino) {
            var entry = orderLine(metastore).resolve(".trinoSchema");
            var original = read(entry);
            write(
                    entry,
                    new String(original)
                            .replace(
                                    "org.apache.hudi.hadoop.HoodieParquetInputFormat",
                                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                            .getBytes());
            return () -> Files.write(entry, original);
        }
    };

    static final String TABLE = "order_line";
    private static final long HOUR_MICROS = 3_600_000_000L;

    /** Rows of the file to rewrite must match this, so that the defect changes what is read. */
    private final String fileWith;

    PlantedDefect(String fileWith) {
        this.fileWith = fileWith;
    }

    /** A planted defect; closing it restores what it changed. */
    interface Planted extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Plants the defect into the lake whose metastore is {@code metastore}, read through {@code trino}. */
    Planted plant(Path metastore, TrinoConsumerCheck trino) {
        var file = trino.fileOf(TABLE, "ol_w_id = " + trino.lastWarehouse(TABLE) + " AND " + fileWith);
        var original = read(file);
        ParquetRows.rewrite(file.toFile(), this::change);
        return () -> Files.write(file, original);
    }

    /** The rows of the rewritten file, from its rows. */
    List<Group> change(List<Group> rows) {
        throw new UnsupportedOperationException(name() + " plants no data");
    }

    private static Path orderLine(Path metastore) {
        return metastore.resolve(TrinoConsumerCheck.DATABASE).resolve(TrinoConsumerCheck.silverTable(TABLE));
    }

    private static List<Group> append(List<Group> rows, Group row) {
        var all = new ArrayList<>(rows);
        all.add(row);
        return all;
    }

    /** {@code row} with {@code field} set to {@code value} (an int, long, boolean or Binary). */
    private static Group copy(Group row, String field, Object value) {
        return map(row, field, (type, old) -> value);
    }

    interface ValueChange {
        Object apply(PrimitiveType type, Object value);
    }

    /** {@code row} with {@code field}'s value (if not null) changed by {@code change}. */
    private static Group map(Group row, String field, ValueChange change) {
        var schema = row.getType();
        var copy = new SimpleGroup(schema);
        for (int i = 0; i < schema.getFieldCount(); i++) {
            var type = schema.getType(i).asPrimitiveType();
            for (int j = 0; j < row.getFieldRepetitionCount(i); j++) {
                var value = value(row, i, j, type);
                add(copy, i, type, schema.getFieldName(i).equals(field) ? change.apply(type, value) : value);
            }
            if (row.getFieldRepetitionCount(i) == 0 && schema.getFieldName(i).equals(field)) {
                add(copy, i, type, change.apply(type, null));
            }
        }
        return copy;
    }

    private static Object value(Group row, int field, int index, PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> row.getInteger(field, index);
            case INT64 -> row.getLong(field, index);
            case BOOLEAN -> row.getBoolean(field, index);
            case FLOAT -> row.getFloat(field, index);
            case DOUBLE -> row.getDouble(field, index);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> row.getBinary(field, index);
            case INT96 -> row.getInt96(field, index);
        };
    }

    private static void add(Group row, int field, PrimitiveType type, Object value) {
        if (value == null) {
            return;
        }
        switch (type.getPrimitiveTypeName()) {
            case INT32 -> row.add(field, ((Number) value).intValue());
            case INT64 -> row.add(field, ((Number) value).longValue());
            case BOOLEAN -> row.add(field, (Boolean) value);
            case FLOAT -> row.add(field, (Float) value);
            case DOUBLE -> row.add(field, (Double) value);
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> row.add(field, (Binary) value);
        }
    }

    private static Object aTenth(PrimitiveType type, Object value) {
        if (!(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)) {
            throw new IllegalStateException("Not a decimal column: " + type);
        }
        if (value instanceof Integer unscaled) {
            return unscaled / 10;
        }
        if (value instanceof Long unscaled) {
            return unscaled / 10;
        }
        if (value instanceof Binary unscaled) {
            var bytes =
                    new BigInteger(unscaled.getBytes()).divide(BigInteger.TEN).toByteArray();
            var padded = new byte[unscaled.length()];
            Arrays.fill(padded, bytes[0] < 0 ? (byte) -1 : 0);
            System.arraycopy(bytes, 0, padded, padded.length - bytes.length, bytes.length);
            return Binary.fromConstantByteArray(padded);
        }
        return value;
    }

    private static Object plusOneHour(PrimitiveType type, Object value) {
        if (value == null) {
            return null;
        }
        if (!(type.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp)) {
            throw new IllegalStateException("Expected an INT64 timestamp column, got " + type);
        }
        return switch (timestamp.getUnit()) {
            case MICROS -> (Long) value + HOUR_MICROS;
            case MILLIS -> (Long) value + HOUR_MICROS / 1_000;
            case NANOS -> (Long) value + HOUR_MICROS * 1_000;
        };
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
