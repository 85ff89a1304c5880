package dev.lakepipe.asl;

import java.time.Duration;

/** How the runtime waits (Wait states, Retry intervals); tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
