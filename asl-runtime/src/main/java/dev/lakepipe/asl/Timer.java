package dev.lakepipe.asl;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The runtime's stopwatch: task timeouts, heartbeats and execution timeouts are measured with it. {@link #system()}
 * is the system's monotonic time; tests inject a manual one, so a timeout needs no real waiting.
 */
public interface Timer extends AutoCloseable {

    /** Now, in nanoseconds on this timer's own scale (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits until {@code call} is done or {@link #nanoTime()} reaches {@code deadline}; true when the call is done. */
    boolean awaitDone(Future<?> call, long deadline) throws InterruptedException;

    /** Runs {@code action} once {@code delay} has passed on this timer. */
    void schedule(Runnable action, Duration delay);

    @Override
    default void close() {}

    /** Real time: {@link System#nanoTime()}, a daemon thread for scheduled actions. */
    static Timer system() {
        return new SystemTimer();
    }
}
