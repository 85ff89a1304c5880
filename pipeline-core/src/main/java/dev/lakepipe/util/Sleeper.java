package dev.lakepipe.util;

import java.time.Duration;

/** How code waits (ASL Wait states and Retry intervals, backoff); tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
