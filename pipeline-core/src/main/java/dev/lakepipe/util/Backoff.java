package dev.lakepipe.util;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff for retrying (DynamoDB unprocessed items, a busy pipeline): {@code initial * 2^attempt}, capped at
 * {@code max}, at most {@code maxAttempts} tries in all.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    /** 50 ms doubling to 5 s, 10 attempts: rides out a throttled table for about 20 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10);

    public Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public Duration delay(int retry) {
        var millis = initial.toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
