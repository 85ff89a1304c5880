package dev.lakepipe.steps.apply;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A graceful-stop request: SIGTERM (what EMR's step cancel and {@code kill} send) or SIGINT replace the JVM's
 * default handler (which would exit at once with 143), so the current batch finishes and commits and the step
 * exits 0.
 */
public final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A stop signal that SIGTERM and SIGINT trigger. */
    public static StopSignal onTermination() {
        var signal = new StopSignal();
        for (var name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), received -> {
                LOG.info("Received SIG{}: finishing the current batch, then stopping", received.getName());
                signal.request();
            });
        }
        return signal;
    }

    public void request() {
        stopped.countDown();
    }

    public boolean isRequested() {
        return stopped.getCount() == 0;
    }

    /** Sleeps up to {@code duration}; returns early (true) when a stop is requested. */
    public boolean awaitFor(Duration duration) {
        try {
            return stopped.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
