package dev.lakepipe.dms.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** Writes the emulator's status to {@code <state dir>/status.json}: on demand, or at most once an interval. */
final class StatusWriter {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Path stateDirectory;
    private final Supplier<EmulatorStatus> status;
    private volatile long lastWriteNanos;

    StatusWriter(Path stateDirectory, Supplier<EmulatorStatus> status) {
        this.stateDirectory = stateDirectory;
        this.status = status;
    }

    void write() {
        status.get().write(stateDirectory);
    }

    /** Writes when the last write is an interval old; called on every batch the engine hands over. */
    void writeIfDue() {
        long now = System.nanoTime();
        if (now - lastWriteNanos >= INTERVAL.toNanos()) {
            lastWriteNanos = now;
            write();
        }
    }
}
