package dev.lakepipe.cli.cdc;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.dms.emulator.EmulatorProcess;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakepipe cdc stop}: SIGTERM to the running emulator, which publishes what it holds, commits its offsets and exits. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        header = "Stop the running DMS emulator (it publishes buffered changes first).",
        showDefaultValues = true)
public final class CdcStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CdcHome home;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            converter = Counts.Positive.class,
            defaultValue = "60",
            description = "How long to wait for it to exit.")
    int timeoutSeconds;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            var pid = EmulatorProcess.running(home.stateDirectory()).map(ProcessHandle::pid);
            if (!EmulatorProcess.stop(home.stateDirectory(), Duration.ofSeconds(timeoutSeconds))) {
                var pidFile = EmulatorProcess.pidFile(home.stateDirectory());
                out.println("No DMS emulator is running on " + home.stateDirectory()
                        + (pidFile.isStale()
                                ? " (" + pidFile.path()
                                        + " is left from an emulator that is gone; its pid was not signalled)"
                                : ""));
                return 0;
            }
            out.println("Stopped the DMS emulator (pid " + pid.orElse(-1L) + ")");
            return 0;
        } catch (LakepipeException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
