package dev.lakepipe.dms;

/**
 * {@code S3Settings.DatePartitionDelimiter}: what separates the date parts. {@code SLASH} makes one
 * folder per part ({@code 2024/01/15/}), the others one folder ({@code 2024-01-15/}, {@code 20240115/}).
 */
public enum DatePartitionDelimiter {
    SLASH("/"),
    DASH("-"),
    UNDERSCORE("_"),
    NONE("");

    private final String separator;

    DatePartitionDelimiter(String separator) {
        this.separator = separator;
    }

    public String dmsValue() {
        return name();
    }

    public String separator() {
        return separator;
    }
}
