package dev.lakepipe.dms.emulator;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition; fails with the last observed value when it does not hold in time. */
final class Await {
    private Await() {}

    static <T> T until(Supplier<T> observed, Predicate<T> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = observed.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; last observed: " + value);
            }
            Thread.sleep(100);
            value = observed.get();
        }
        return value;
    }
}
