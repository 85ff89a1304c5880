package dev.lakepipe.cli.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads 500ms, 90s, 5m, 1h, 7d, a plain number of seconds, or ISO-8601 (PT90S). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        var duration = parse(value);
        if (duration.isNegative()) { // 0 is meaningful: schedule --jdbc-load-every 0 turns the rule off
            throw new TypeConversionException(
                    "Invalid duration: " + value + " (must not be negative; e.g. 500ms, 90s, 5m, 1h, 7d or PT90S)");
        }
        return duration;
    }

    private static Duration parse(String value) {
        var text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt") || text.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                case 'm' -> Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                case 'h' -> Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
                case 'd' -> Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
                default -> Duration.ofSeconds(Long.parseLong(text));
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException(
                    "Invalid duration: " + value + " (expected e.g. 500ms, 90s, 5m, 1h, 7d or PT90S)");
        }
    }
}
