package dev.lakepipe.sqlclient;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code lakepipe sql} prints a result, on either engine ({@link ResultPrinter}). */
public enum SqlFormat {
    TABLE,
    CSV,
    JSON;

    /** The format of an option value, in any case; empty if none. */
    public static Optional<SqlFormat> of(String value) {
        return Arrays.stream(values())
                .filter(format -> format.name().equalsIgnoreCase(value))
                .findFirst();
    }

    /** The option values, as an error lists them: {@code table, csv, json}. */
    public static String choices() {
        return Arrays.stream(values())
                .map(format -> format.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
