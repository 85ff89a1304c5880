package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One entry of a state's {@code Retry} array, defaults as in the ASL spec (1 s, 3 attempts, rate 2.0). */
public record Retrier(
        List<String> errorEquals,
        int intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Optional<Integer> maxDelaySeconds,
        boolean fullJitter) {

    public static final int DEFAULT_INTERVAL_SECONDS = 1;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final double DEFAULT_BACKOFF_RATE = 2.0;

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
        requireNonNull(maxDelaySeconds, "maxDelaySeconds is null");
    }

    public boolean matches(String error) {
        return errorEquals.stream().anyMatch(matcher -> StatesError.matches(matcher, error));
    }

    /** The delay before retry number {@code attempt + 1} (attempt counted from 0), before jitter. */
    public double delaySeconds(int attempt) {
        double delay = intervalSeconds * Math.pow(backoffRate, attempt);
        return maxDelaySeconds.map(max -> Math.min(delay, max)).orElse(delay);
    }
}
