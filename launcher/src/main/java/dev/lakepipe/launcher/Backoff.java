package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.time.Duration;

/**
 * Bounded exponential backoff: {@code attempts} tries, waiting {@code initialDelay}, then twice as
 * long each time, never more than {@code maxDelay}.
 */
public record Backoff(int attempts, Duration initialDelay, Duration maxDelay) {

    /** 4 attempts over about 7 seconds: enough for a finishing predecessor to leave RUNNING. */
    public static final Backoff DEFAULT = new Backoff(4, Duration.ofSeconds(1), Duration.ofSeconds(4));
    public static final Backoff NONE = new Backoff(1, Duration.ZERO, Duration.ZERO);

    public Backoff {
        requireNonNull(initialDelay, "initialDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        if (attempts < 1) {
            throw new LakepipeException("Invalid backoff attempts: %d; use 1 or more", attempts);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        Duration delay = initialDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Sleeps; a seam so tests run without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
