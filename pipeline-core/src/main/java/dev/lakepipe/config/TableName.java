package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.regex.Pattern;

/** A source table, {@code <schema>.<table>}, as it appears in {@code step::system::<schema.table>}. */
public record TableName(String schema, String table) implements Comparable<TableName> {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    public TableName {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    /** Parses {@code public.order_line}; throws {@link LakepipeException} naming the value and the expected form. */
    public static TableName parse(String qualified) {
        requireNonNull(qualified, "qualified is null");
        if (!isValid(qualified)) {
            throw new LakepipeException(
                    "Invalid table name: '%s'; expected <schema>.<table> in lower case, e.g. public.order_line",
                    qualified);
        }
        var dot = qualified.indexOf('.');
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    public static boolean isValid(String qualified) {
        var parts = qualified.split("\\.", -1);
        return parts.length == 2
                && IDENTIFIER.matcher(parts[0]).matches()
                && IDENTIFIER.matcher(parts[1]).matches();
    }

    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public int compareTo(TableName other) {
        return qualified().compareTo(other.qualified());
    }

    @Override
    public String toString() {
        return qualified();
    }
}
