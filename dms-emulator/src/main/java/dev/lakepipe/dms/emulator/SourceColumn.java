package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/** A source table column: its name, the DMS column type, and how a Debezium value becomes that type's value. */
record SourceColumn(String name, ColumnType type, Function<Object, Object> converter) {
    SourceColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(converter, "converter is null");
    }

    /** The value DMS writes: NULL for a missing or unavailable ({@link UnavailableValue}) one. */
    Object convert(Object debeziumValue) {
        return debeziumValue == null || UnavailableValue.is(debeziumValue) ? null : converter.apply(debeziumValue);
    }
}
