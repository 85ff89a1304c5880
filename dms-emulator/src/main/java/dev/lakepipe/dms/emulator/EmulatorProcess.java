package dev.lakepipe.dms.emulator;

import dev.lakepipe.util.PidFile;
import java.io.PrintWriter;
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

    /**
     * Runs until SIGTERM/SIGINT or a failure; returns 0 after a clean stop, 1 after a failure. A start refused because
     * another emulator runs on the state directory leaves that emulator's pid file alone.
     */
    public static int runForeground(EmulatorOptions options, PrintWriter out) throws InterruptedException {
        var emulator = options.emulator();
        var pidFile = pidFile(options.stateDirectory());
        var hook = new Thread(emulator::close, "dms-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            emulator.start();
            pidFile.writeOwn();
            out.printf(
                    "DMS emulator running (pid %d): slot %s, files under %s%n",
                    ProcessHandle.current().pid(), options.slotName(), options.bronzeRoot());
            out.flush();
            var failure = emulator.awaitTermination();
            if (failure.isPresent()) {
                out.println("DMS emulator failed: " + failure.get().getMessage());
                return 1;
            }
            return 0;
        } finally {
            pidFile.deleteIfOwn();
        }
    }

    /** The emulator running on this state directory: the live process its pid file names (pid and start time). */
    public static Optional<ProcessHandle> running(Path stateDirectory) {
        return pidFile(stateDirectory).owner();
    }

    /** Sends SIGTERM to the running emulator and waits for it to exit; false when none runs (a stale pid file is never signalled). */
    public static boolean stop(Path stateDirectory, Duration timeout) {
        return pidFile(stateDirectory).stop(timeout, "DMS emulator");
    }

    /** The pid file of the emulator of {@code stateDirectory}. */
    public static PidFile pidFile(Path stateDirectory) {
        return new PidFile(stateDirectory.resolve(PID_FILE));
    }
}
