package dev.lakepipe.dms;

import java.time.LocalDateTime;
import java.util.List;

/** {@code S3Settings.DatePartitionSequence}: which date fields make up the CDC date folders, in order. */
public enum DatePartitionSequence {
    YYYYMMDD("yyyy", "MM", "dd"),
    YYYYMMDDHH("yyyy", "MM", "dd", "HH"),
    YYYYMM("yyyy", "MM"),
    MMYYYYDD("MM", "yyyy", "dd"),
    DDMMYYYY("dd", "MM", "yyyy");

    private final List<String> fields;

    DatePartitionSequence(String... fields) {
        this.fields = List.of(fields);
    }

    public String dmsValue() {
        return name();
    }

    /** The folder parts for a time, e.g. {@code [2024, 01, 15]} for {@code YYYYMMDD}. */
    public List<String> parts(LocalDateTime time) {
        return fields.stream()
                .map(field -> switch (field) {
                    case "yyyy" -> "%04d".formatted(time.getYear());
                    case "MM" -> "%02d".formatted(time.getMonthValue());
                    case "dd" -> "%02d".formatted(time.getDayOfMonth());
                    case "HH" -> "%02d".formatted(time.getHour());
                    default -> throw new IllegalStateException("Unknown date field: " + field);
                })
                .toList();
    }
}
