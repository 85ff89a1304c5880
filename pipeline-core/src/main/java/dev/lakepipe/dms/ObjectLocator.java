package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A DMS {@code object-locator}: schema and table name patterns where {@code %} matches any run of
 * characters and {@code _} any one character (SQL LIKE, as DMS documents it); matching is case
 * sensitive because PostgreSQL names are stored in lower case.
 */
public record ObjectLocator(String schemaName, String tableName) {

    public ObjectLocator {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(tableName, "tableName is null");
        if (schemaName.isEmpty() || tableName.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid object-locator: schema-name '%s', table-name '%s' (both must be non-empty; use %% for all)"
                            .formatted(schemaName, tableName));
        }
    }

    public static ObjectLocator all() {
        return new ObjectLocator("%", "%");
    }

    public boolean matches(String schema, String table) {
        return like(schemaName).matcher(schema).matches()
                && like(tableName).matcher(table).matches();
    }

    /** A Java regex matching {@code <schema>.<table>} exactly as this locator does (Debezium include-list form). */
    public String qualifiedNameRegex() {
        return like(schemaName).pattern() + "\\." + like(tableName).pattern();
    }

    Map<String, Object> toMap() {
        return Map.of("schema-name", schemaName, "table-name", tableName);
    }

    private static Pattern like(String pattern) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
