package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

/** One column of a change file: name and type. Every column is nullable, as in DMS files. */
record OutputColumn(String name, ColumnType type) {
    OutputColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
