package dev.lakepipe.asl;

import dev.lakepipe.util.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Time that moves only when a test (or a Wait state, through {@link Sleeper}) moves it: timeouts and heartbeats are
 * decided on it, not on the wall clock. Scheduled actions run in the thread that moves time past them.
 */
final class ManualTime implements Timer, Sleeper {

    private record Scheduled(long due, Runnable action) {}

    private final List<Scheduled> scheduled = new ArrayList<>();
    private long now;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Moves time forward, running each action that falls due at its time, and wakes the waiters. */
    void advance(Duration duration) {
        var target = nanoTime() + duration.toNanos();
        while (advanceToNextDue(target)) {
            // each due action has run at its time
        }
    }

    /** A sleep moves time forward; an action on the way that interrupts the sleeper (a timeout) ends it there. */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        var target = nanoTime() + duration.toNanos();
        while (advanceToNextDue(target)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public boolean awaitDone(Future<?> call, long deadline) throws InterruptedException {
        synchronized (this) {
            // Woken by advance(); the short wait only notices a call that finished without time moving.
            while (!call.isDone() && now - deadline < 0) {
                wait(10);
            }
        }
        return call.isDone();
    }

    @Override
    public synchronized void schedule(Runnable action, Duration delay) {
        scheduled.add(new Scheduled(now + delay.toNanos(), action));
    }

    /** Moves to the first action due by {@code target} and runs it (true), else to {@code target} (false). */
    private boolean advanceToNextDue(long target) {
        Scheduled next;
        synchronized (this) {
            next = scheduled.stream()
                    .filter(entry -> entry.due() - target <= 0)
                    .min(Comparator.comparingLong(Scheduled::due))
                    .orElse(null);
            if (next != null) {
                scheduled.remove(next);
            }
            now = next != null ? Math.max(now, next.due()) : Math.max(now, target);
            notifyAll();
        }
        if (next == null) {
            return false;
        }
        next.action().run();
        return true;
    }
}
