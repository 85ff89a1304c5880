package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An emulator run as a process: the foreground runner behind {@code lakepipe cdc start} and
 * {@link DmsEmulatorMain} (pid file {@code <state dir>/emulator.pid}, stop on SIGTERM), and the
 * signalling behind {@code lakepipe cdc stop}.
 */
public final class EmulatorProcess {
    public static final String PID_FILE = "emulator.pid";

    private EmulatorProcess() {}

    /** Runs until SIGTERM/SIGINT or a failure; returns 0 after a clean stop, 1 after a failure. */
    public static int runForeground(EmulatorOptions options, PrintWriter out) throws InterruptedException {
        var emulator = options.emulator();
        var pidFile = options.stateDirectory().resolve(PID_FILE);
        var hook = new Thread(emulator::close, "dms-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            emulator.start();
            writePid(pidFile);
            out.printf("DMS emulator running (pid %d): slot %s, files under %s%n", ProcessHandle.current().pid(),
                    options.slotName(), options.bronzeRoot());
            out.flush();
            var failure = emulator.awaitTermination();
            if (failure.isPresent()) {
                out.println("DMS emulator failed: " + failure.get().getMessage());
                return 1;
            }
            return 0;
        }
        finally {
            deletePid(pidFile);
        }
    }

    /** The pid of the emulator running on this state directory, if its pid file names a live process. */
    public static Optional<ProcessHandle> running(Path stateDirectory) {
        var pidFile = stateDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + pidFile, e);
        }
        catch (NumberFormatException e) {
            throw new LakepipeException("Invalid pid file %s: %s; delete it", pidFile, e.getMessage());
        }
    }

    /** Sends SIGTERM to the running emulator and waits for it to exit; false when none runs. */
    public static boolean stop(Path stateDirectory, Duration timeout) {
        var process = running(stateDirectory);
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            throw new LakepipeException("Cannot stop the DMS emulator (pid %d): it did not exit within %d s", process.get().pid(), timeout.toSeconds());
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new LakepipeException(e, "Failed to wait for the DMS emulator (pid %d)", process.get().pid());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Cannot stop the DMS emulator (pid %d): interrupted", process.get().pid());
        }
        return true;
    }

    /** Write then rename, so a reader ({@code lakepipe cdc status|stop}) never sees an empty or partial pid file. */
    private static void writePid(Path pidFile) {
        try {
            var staged = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(staged, Long.toString(ProcessHandle.current().pid()));
            Files.move(staged, pidFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + pidFile, e);
        }
    }

    private static void deletePid(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + pidFile, e);
        }
    }
}
