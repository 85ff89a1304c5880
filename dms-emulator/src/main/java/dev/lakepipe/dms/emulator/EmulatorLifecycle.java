package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's lifecycle: its state, the first failure, and the two engine signals (connector started, engine
 * finished). Every state change goes through {@link #move}, a compare-and-set from the states it may leave.
 */
final class EmulatorLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorLifecycle.class);

    /** Declaration order is the lifecycle order. */
    enum State {
        CREATED,
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED,
        FAILED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    State state() {
        return state.get();
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** CREATED to STARTING; throws when the emulator was started before. */
    void starting() {
        require(State.STARTING, EnumSet.of(State.CREATED));
    }

    /** STARTING to RUNNING; throws when a stop or a failure came first. */
    void running() {
        require(State.RUNNING, EnumSet.of(State.STARTING));
    }

    /** RUNNING to STOPPING; false in any other state (nothing to flush, or another close is at it). */
    boolean stopping() {
        return move(State.STOPPING, EnumSet.of(State.RUNNING));
    }

    /** To STOPPED, unless the emulator failed: a failure stays the final state. */
    void stopped() {
        move(State.STOPPED, EnumSet.of(State.STARTING, State.RUNNING, State.STOPPING));
    }

    /** Records the first failure and moves to FAILED from any state. */
    void failed(Throwable error) {
        failure.compareAndSet(null, error);
        move(State.FAILED, EnumSet.allOf(State.class));
    }

    /** The connector's task streams. */
    void connectorStarted() {
        started.countDown();
    }

    /** The engine's completion callback: a failure is recorded, then {@link #awaitTermination()} returns. */
    void engineFinished(boolean success, String message, Throwable error) {
        if (!success) {
            failed(error != null ? error : new LakepipeException("Debezium engine failed: %s", message));
            LOG.error("DMS emulator failed: {}", message, error);
        }
        finished.countDown();
    }

    /** Waits until the connector streams; false when the engine finished first or {@code timeout} passed. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished.getCount() > 0 && System.nanoTime() < deadline) {
            if (started.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks until the engine finished; returns the failure, if any. */
    Optional<Throwable> awaitTermination() throws InterruptedException {
        finished.await();
        return failure();
    }

    private void require(State next, Set<State> from) {
        if (!move(next, from)) {
            throw new IllegalStateException(
                    "Cannot move the DMS emulator to %s from %s: it is %s".formatted(next, from, state.get()));
        }
    }

    private boolean move(State next, Set<State> from) {
        while (true) {
            var current = state.get();
            if (!from.contains(current)) {
                return false;
            }
            if (state.compareAndSet(current, next)) {
                LOG.debug("DMS emulator {} -> {}", current, next);
                return true;
            }
        }
    }
}
