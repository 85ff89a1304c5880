package dev.lakepipe.steps.sql;

import dev.lakepipe.LakepipeException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a result is printed: an aligned text table, CSV (RFC 4180, header line) or JSON lines (one object per row). */
public enum OutputFormat {
    TABLE,
    CSV,
    JSON;

    public static OutputFormat parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LakepipeException(
                    "Invalid --format '%s': expected one of %s",
                    value,
                    Arrays.stream(values())
                            .map(format -> format.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }
}
