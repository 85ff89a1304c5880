package dev.lakepipe.cli;

import java.time.Duration;

/** What paces a refreshing command ({@code status --watch}): waits for the next refresh, or says to stop. */
@FunctionalInterface
interface Ticker {

    /** Waits {@code interval}; false ends the watch. */
    boolean next(Duration interval) throws InterruptedException;

    /** Refreshes until interrupted (Ctrl-C ends the JVM). */
    static Ticker sleeping() {
        return interval -> {
            Thread.sleep(interval.toMillis());
            return true;
        };
    }
}
