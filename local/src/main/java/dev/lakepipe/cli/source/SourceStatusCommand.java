package dev.lakepipe.cli.source;

import dev.lakepipe.source.EmbeddedPostgresServer;
import dev.lakepipe.tpcc.TpccSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Show whether the source runs, where it is, and its row counts. Exit 0 when running, 1 when not.")
public final class SourceStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var dataDirectory = options.dataDirectory().toAbsolutePath();
        if (options.sourceUrl == null && !EmbeddedPostgresServer.isRunning(dataDirectory)) {
            out.printf(
                    "status:         stopped (data directory %s %s)%n",
                    dataDirectory, dataDirectory.toFile().isDirectory() ? "kept" : "not created yet");
            return 1;
        }
        try (TpccSource source = options.builder().build()) {
            out.println("status:         running");
            EmbeddedPostgresServer.postmasterPid(dataDirectory)
                    .ifPresent(pid -> out.printf("pid:            %d%n", pid));
            SourcePrinter.location(out, source);
            SourcePrinter.rowCounts(out, source);
        }
        return 0;
    }
}
