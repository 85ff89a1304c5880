package dev.lakepipe.metrics;

/** CloudWatch's rule for names and dimension values: 1 to {@code maxLength} printable ASCII characters, not all blank. */
final class CloudWatchText {

    private CloudWatchText() {}

    static void check(String what, String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            throw new IllegalArgumentException("Invalid %s: '%s' has %d characters; CloudWatch takes 1 to %d"
                    .formatted(what, abbreviate(text), text.length(), maxLength));
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(
                    "Invalid %s: '%s'; CloudWatch needs a non-whitespace character".formatted(what, text));
        }
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(
                        "Invalid %s: '%s' has character U+%04X at %d; CloudWatch takes ASCII without control characters"
                                .formatted(what, abbreviate(text), (int) c, i));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
