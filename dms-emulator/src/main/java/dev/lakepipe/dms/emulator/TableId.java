package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

/** A source table, {@code schema.table}. */
record TableId(String schema, String table) implements Comparable<TableId> {
    TableId {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }

    @Override
    public int compareTo(TableId other) {
        return toString().compareTo(other.toString());
    }
}
