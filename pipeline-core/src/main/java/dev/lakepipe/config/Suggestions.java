package dev.lakepipe.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt names: the closest candidate within a small edit distance. */
final class Suggestions {

    private Suggestions() {}

    static Optional<String> closest(String value, Collection<String> candidates) {
        var limit = Math.max(2, value.length() / 2);
        return candidates.stream()
                .filter(candidate -> distance(value, candidate) <= limit)
                .min(Comparator.comparingInt((String candidate) -> distance(value, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    static String didYouMean(String value, Collection<String> candidates) {
        return closest(value, candidates)
                .map(candidate -> "; did you mean " + candidate + "?")
                .orElse("; known: "
                        + String.join(", ", candidates.stream().sorted().toList()));
    }

    static int distance(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (var j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (var i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (var j = 1; j <= b.length(); j++) {
                var substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
