package dev.lakepipe.util;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pid file of a long-running local process (the DMS emulator, a schedule, a query server), shared so that each one
 * gets the same guarantees: its status never lies, its stop never signals a stranger, a second start never disturbs the
 * first. The file names the process by pid <em>and start time</em> ({@code <pid> <start epoch millis>}): after a kill -9
 * the file stays behind, and once the pid is reused by another process the start time no longer matches, so the file is
 * stale, not a running owner. A process deletes the file only while it names that process.
 */
public record PidFile(Path path) {

    public PidFile {
        requireNonNull(path, "path is null");
    }

    /** Records this process as the owner (write then rename, so a reader never sees a partial file). */
    public void writeOwn() {
        var self = ProcessHandle.current();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            var staged = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(staged, self.pid() + " " + startOf(self).orElse(0L));
            Files.move(staged, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + path, e);
        }
    }

    /** Deletes the file if it names this process; a file another process wrote (a running first start) stays. */
    public void deleteIfOwn() {
        var self = ProcessHandle.current();
        if (read().filter(recorded -> recorded.names(self)).isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + path, e);
        }
    }

    /** The live process the file names: same pid and same start time; empty when there is no file or it is stale. */
    public Optional<ProcessHandle> owner() {
        return read().flatMap(recorded ->
                ProcessHandle.of(recorded.pid()).filter(ProcessHandle::isAlive).filter(recorded::names));
    }

    /** True when the file exists but names no live process (its owner died, perhaps its pid was reused). */
    public boolean isStale() {
        return Files.exists(path) && owner().isEmpty();
    }

    /**
     * Sends SIGTERM to the owner and waits for it to exit; false when there is none (no file, or a stale one, whose pid
     * may now belong to an unrelated process and is never signalled). {@code what} names the process in errors.
     */
    public boolean stop(Duration timeout, String what) {
        var owner = owner();
        if (owner.isEmpty()) {
            return false;
        }
        owner.get().destroy();
        try {
            owner.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LakepipeException(
                    "Cannot stop the %s (pid %d): it did not exit within %d s",
                    what, owner.get().pid(), timeout.toSeconds());
        } catch (ExecutionException e) {
            throw new LakepipeException(
                    e, "Failed to wait for the %s (pid %d)", what, owner.get().pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(
                    e,
                    "Cannot stop the %s (pid %d): interrupted",
                    what,
                    owner.get().pid());
        }
        return true;
    }

    private Optional<Recorded> read() {
        String text;
        try {
            text = Files.readString(path).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + path, e);
        }
        var parts = text.split(" ");
        try {
            return Optional.of(
                    new Recorded(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : -1));
        } catch (NumberFormatException e) {
            throw new LakepipeException(
                    "Invalid pid file %s: '%s'; expected '<pid> <start epoch millis>'; delete it if the process is gone",
                    path, text);
        }
    }

    private static Optional<Long> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    /** A pid file's content; a start time of -1 (a file from before start times were recorded) never matches. */
    private record Recorded(long pid, long startMillis) {
        boolean names(ProcessHandle process) {
            return process.pid() == pid
                    && startOf(process).map(start -> start == startMillis).orElse(false);
        }
    }
}
