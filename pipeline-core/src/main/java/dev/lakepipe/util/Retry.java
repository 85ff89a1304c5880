package dev.lakepipe.util;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Retrying, written once: at most {@code attempts} tries, a {@link Backoff} delay before each retry, waits through
 * one injectable {@link Sleeper}. Two shapes:
 * <pre>{@code
 * // retry what throws, on the exceptions that say "try again"
 * Retry.attempts(3).retryOn(e -> e instanceof SQLException sql && "40001".equals(sql.getSQLState()))
 *         .call(() -> transactions.run(type));
 * // poll until a result is good enough; the last result is returned either way
 * var blockers = Retry.with(backoff).sleeper(sleeper).action("launch " + request)
 *         .until(() -> blockers(request), List::isEmpty);
 * }</pre>
 * An interrupt while waiting keeps the thread's interrupt flag and ends the retries with a {@link LakepipeException}.
 */
public final class Retry {

    private final int attempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Predicate<? super Exception> retryOn;
    private final Consumer<? super Exception> onRetry;
    private final String action;

    private Retry(
            int attempts,
            Backoff backoff,
            Sleeper sleeper,
            Predicate<? super Exception> retryOn,
            Consumer<? super Exception> onRetry,
            String action) {
        if (attempts < 1) {
            throw new IllegalArgumentException("Invalid attempts: " + attempts + " (expected 1 or more)");
        }
        this.attempts = attempts;
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.retryOn = requireNonNull(retryOn, "retryOn is null");
        this.onRetry = requireNonNull(onRetry, "onRetry is null");
        this.action = requireNonNull(action, "action is null");
    }

    /** {@code backoff.maxAttempts()} tries with its delays in between. */
    public static Retry with(Backoff backoff) {
        return new Retry(backoff.maxAttempts(), backoff, Sleeper.REAL, e -> false, e -> {}, "retry");
    }

    /** {@code attempts} tries, one right after the other. */
    public static Retry attempts(int attempts) {
        return new Retry(
                attempts,
                new Backoff(Duration.ZERO, Duration.ZERO, Math.max(attempts, 1)),
                Sleeper.REAL,
                e -> false,
                e -> {},
                "retry");
    }

    /** How to wait between tries; default real time. */
    public Retry sleeper(Sleeper sleeper) {
        return new Retry(attempts, backoff, sleeper, retryOn, onRetry, action);
    }

    /** Which exceptions {@link #call} retries; default none. */
    public Retry retryOn(Predicate<? super Exception> retryOn) {
        return new Retry(attempts, backoff, sleeper, retryOn, onRetry, action);
    }

    /** Told of each exception that is retried (counting, logging). */
    public Retry onRetry(Consumer<? super Exception> onRetry) {
        return new Retry(attempts, backoff, sleeper, retryOn, onRetry, action);
    }

    /** What is being retried, for the error of an interrupted wait: {@code Cannot <action>: interrupted ...}. */
    public Retry action(String action) {
        return new Retry(attempts, backoff, sleeper, retryOn, onRetry, action);
    }

    public int maxAttempts() {
        return attempts;
    }

    /** Calls until it returns; an exception {@link #retryOn} accepts is retried until the attempts run out, then thrown. */
    public <T, E extends Exception> T call(Attempt<T, E> attempt) throws E {
        for (int tried = 1; ; tried++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (!retryOn.test(e) || tried == attempts) {
                    throw e;
                }
                onRetry.accept(e);
                pause(tried);
            }
        }
    }

    /** Gets a result until {@code done} accepts it or the attempts run out; returns the last result either way. */
    public <T> T until(Supplier<T> attempt, Predicate<? super T> done) {
        return until(null, previous -> attempt.get(), done);
    }

    /**
     * As {@link #until(Supplier, Predicate)}, each try given the previous result: {@code step(initial)}, then
     * {@code step(previous)}; e.g. resending what a batch call left unprocessed.
     */
    public <T> T until(T initial, UnaryOperator<T> step, Predicate<? super T> done) {
        var result = step.apply(initial);
        for (int tried = 1; !done.test(result) && tried < attempts; tried++) {
            pause(tried);
            result = step.apply(result);
        }
        return result;
    }

    /** Waits before try number {@code tried + 1}. */
    private void pause(int tried) {
        var delay = backoff.delay(tried - 1);
        if (delay.isZero()) {
            return;
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Cannot %s: interrupted while waiting to try again", action);
        }
    }

    /** One try; may throw the checked exception {@code E}. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }
}
