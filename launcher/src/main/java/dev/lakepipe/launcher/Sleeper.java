package dev.lakepipe.launcher;

import java.time.Duration;

/** Waits; a seam so tests of backoff run without waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
