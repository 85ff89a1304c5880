package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

/** A result column as printed: its label, and whether its values align right as numbers. */
public record ResultColumn(String name, boolean numeric) {

    public ResultColumn {
        requireNonNull(name, "name is null");
    }
}
