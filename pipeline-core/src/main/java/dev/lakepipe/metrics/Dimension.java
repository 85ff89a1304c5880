package dev.lakepipe.metrics;

import static java.util.Objects.requireNonNull;

/**
 * One name/value pair of a metric's identity, checked as CloudWatch checks it: a name of 1 to 255 and a value of 1 to
 * 1,024 ASCII characters without control characters, each with a non-whitespace character; a name never starts with
 * {@code :}.
 */
public record Dimension(String name, String value) {

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_VALUE_LENGTH = 1024;

    public Dimension {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        CloudWatchText.check("dimension name", name, MAX_NAME_LENGTH);
        if (name.startsWith(":")) {
            throw new IllegalArgumentException(
                    "Invalid dimension name: '%s'; it must not start with ':'".formatted(name));
        }
        CloudWatchText.check("value of dimension " + name, value, MAX_VALUE_LENGTH);
    }
}
