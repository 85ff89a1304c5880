package dev.lakepipe.dms.emulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for crash tests: with {@code -Dlakepipe.cdc.crash-after-files=N} the JVM halts
 * (like {@code kill -9}: no shutdown hooks, no offset commit) right after publishing its N-th file,
 * the worst moment for exactly-once. Off unless the property is set.
 */
final class CrashPoint {
    static final String PROPERTY = "lakepipe.cdc.crash-after-files";
    private static final int CRASH_AFTER = Integer.getInteger(PROPERTY, 0);
    private static final AtomicInteger PUBLISHED = new AtomicInteger();

    private CrashPoint() {}

    static void afterPublish() {
        if (CRASH_AFTER > 0 && PUBLISHED.incrementAndGet() >= CRASH_AFTER) {
            Runtime.getRuntime().halt(137);
        }
    }
}
