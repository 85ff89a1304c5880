package dev.lakepipe.cli.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakepipe.dms.emulator.EmulatorProcess;
import dev.lakepipe.dms.emulator.EmulatorStatus;
import dev.lakepipe.util.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakepipe cdc status}: whether the emulator runs, and per table files, rows, last change time and lag. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Show the DMS emulator's state and, per table, files, rows, last change and lag.")
public final class CdcStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CdcHome home;

    @Option(names = "--json", description = "Print the status file as JSON.")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            var status = EmulatorStatus.read(home.stateDirectory());
            if (status.isEmpty()) {
                err.println("No CDC status in " + home.stateDirectory()
                        + ": the emulator has not run here; start it with 'lakepipe cdc start'");
                return 1;
            }
            var running = EmulatorProcess.running(home.stateDirectory());
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(status.get()));
                return 0;
            }
            print(status.get(), running.map(ProcessHandle::pid).orElse(-1L), out);
            return 0;
        } catch (UncheckedIOException | JsonProcessingException e) {
            err.println("Cannot show CDC status: " + e.getMessage());
            return 1;
        }
    }

    private static void print(EmulatorStatus status, long pid, PrintWriter out) {
        if (pid > 0) {
            out.printf(
                    "DMS emulator: running (pid %d), slot %s, updated %s%n",
                    pid, status.slotName(), status.updatedAt());
        } else {
            out.printf(
                    "DMS emulator: not running (last state %s at %s)%s%n",
                    status.state(), status.updatedAt(), status.error() == null ? "" : ", error: " + status.error());
        }
        out.printf(
                "%-28s %7s %10s %9s %8s  %s%n",
                "TABLE", "FILES", "ROWS", "PENDING", "LAG(s)", "LAST CHANGE (commit time)");
        for (var table : status.tables()) {
            out.printf(
                    "%-28s %7d %10d %9d %8.1f  %s%n",
                    table.table(),
                    table.files(),
                    table.rows(),
                    table.pendingRows(),
                    table.lagSeconds(),
                    table.lastChangeCommitTime() == null ? "-" : table.lastChangeCommitTime());
        }
    }
}
