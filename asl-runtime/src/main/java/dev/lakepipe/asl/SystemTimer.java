package dev.lakepipe.asl;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Timer#system()}: monotonic system time; scheduled actions run on one daemon thread. */
final class SystemTimer implements Timer {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "asl-timer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean awaitDone(Future<?> call, long deadline) throws InterruptedException {
        try {
            call.get(Math.max(0, deadline - nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return call.isDone();
        } catch (ExecutionException | CancellationException e) {
            return true;
        }
    }

    @Override
    public void schedule(Runnable action, Duration delay) {
        scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
