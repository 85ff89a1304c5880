package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An {@code AR_H_CHANGE_SEQ} value: {@code YYYYMMDDHHmmSShh} (UTC commit time to 1/100 s, 16 digits)
 * followed by a 19-digit zero-padded counter, 35 digits in all. Compare as fixed-width strings
 * (it does not fit a long); full-load rows carry the empty string, which sorts first.
 */
public record ChangeSequence(Instant commitTime, long counter) implements Comparable<ChangeSequence> {
    public static final int LENGTH = 35;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public ChangeSequence {
        requireNonNull(commitTime, "commitTime is null");
        if (counter < 0) {
            throw new IllegalArgumentException("Invalid change sequence counter: %d (not negative)".formatted(counter));
        }
    }

    public static ChangeSequence parse(String value) {
        requireNonNull(value, "value is null");
        if (value.length() != LENGTH || !value.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(
                    "Invalid change sequence: '%s' (expected %d digits)".formatted(value, LENGTH));
        }
        var time = LocalDateTime.parse(value.substring(0, 14), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                .toInstant(ZoneOffset.UTC)
                .plusMillis(Long.parseLong(value.substring(14, 16)) * 10);
        return new ChangeSequence(time, Long.parseLong(value.substring(16)));
    }

    /** The 35-digit string, the time truncated to hundredths of a second. */
    @Override
    public String toString() {
        long hundredths = commitTime.getNano() / 10_000_000;
        return TIME.format(commitTime) + "%02d%019d".formatted(hundredths, counter);
    }

    @Override
    public int compareTo(ChangeSequence other) {
        return toString().compareTo(other.toString());
    }
}
