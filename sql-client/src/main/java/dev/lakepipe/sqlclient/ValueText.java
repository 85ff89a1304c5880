package dev.lakepipe.sqlclient;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A value of Trino's protocol as text, as Trino's JDBC driver's {@code getString} renders it (the CLI's rendering
 * before this client): scalars as the server wrote them, {@code varbinary} as {@code 0x} and upper-case hex, an array
 * as {@code [a, b]}, a map as {@code {k=v}}, a row as {@code {a=1, b=x}} ({@code {1, x}} without field names), and
 * {@code null} inside them as {@code null}. Inside an array, map or row a {@code varbinary} prints as hex too, where
 * the driver printed a Java object id.
 */
final class ValueText {

    private ValueText() {}

    /**
     * @param signature the column's {@code typeSignature}: {@code rawType} and its {@code arguments}
     * @param value the protocol's value, as {@link JsonValues} reads it
     */
    static String of(Map<?, ?> signature, Object value) {
        if (value == null) {
            return null;
        }
        return switch (String.valueOf(signature.get("rawType"))) {
            case "varbinary" ->
                "0x"
                        + HexFormat.of()
                                .withUpperCase()
                                .formatHex(Base64.getDecoder().decode((String) value));
            case "array" -> {
                var element = typeArgument(signature, 0);
                var items = new ArrayList<String>();
                ((List<?>) value).forEach(item -> items.add(nested(element, item)));
                yield "[" + String.join(", ", items) + "]";
            }
            case "map" -> {
                var key = typeArgument(signature, 0);
                var mapped = typeArgument(signature, 1);
                var entries = new ArrayList<String>();
                ((Map<?, ?>) value).forEach((k, v) -> entries.add(nested(key, k) + "=" + nested(mapped, v)));
                yield "{" + String.join(", ", entries) + "}";
            }
            case "row" -> row(signature, (List<?>) value);
            default -> (String) value;
        };
    }

    /** True for the types printed right-aligned in a table. */
    static boolean numeric(Map<?, ?> signature) {
        return switch (String.valueOf(signature.get("rawType")).toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "integer", "bigint", "real", "double", "decimal" -> true;
            default -> false;
        };
    }

    private static String row(Map<?, ?> signature, List<?> values) {
        var fields = arguments(signature);
        var cells = new ArrayList<String>();
        for (int i = 0; i < values.size(); i++) {
            var field = (Map<?, ?>) ((Map<?, ?>) fields.get(i)).get("value");
            var text = nested((Map<?, ?>) field.get("typeSignature"), values.get(i));
            cells.add(field.get("fieldName") instanceof Map<?, ?> name ? name.get("name") + "=" + text : text);
        }
        return "{" + String.join(", ", cells) + "}";
    }

    private static String nested(Map<?, ?> signature, Object value) {
        return value == null ? "null" : of(signature, value);
    }

    private static Map<?, ?> typeArgument(Map<?, ?> signature, int index) {
        return (Map<?, ?>) ((Map<?, ?>) arguments(signature).get(index)).get("value");
    }

    private static List<?> arguments(Map<?, ?> signature) {
        return (List<?>) signature.get("arguments");
    }
}
