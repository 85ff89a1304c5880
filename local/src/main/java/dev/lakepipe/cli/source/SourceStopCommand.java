package dev.lakepipe.cli.source;

import dev.lakepipe.source.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        header = "Stop the embedded source of this home (fast shutdown); its data stays for the next start.")
public final class SourceStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (EmbeddedPostgresServer.stopRunning(options.dataDirectory(), Duration.ofSeconds(60))) {
            out.printf("stopped the source of %s%n", options.dataDirectory().toAbsolutePath());
        } else {
            out.printf(
                    "the source of %s is not running%n", options.dataDirectory().toAbsolutePath());
        }
        return 0;
    }
}
