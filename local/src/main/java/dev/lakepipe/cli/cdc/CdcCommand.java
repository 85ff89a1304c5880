package dev.lakepipe.cli.cdc;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakepipe cdc}: the local AWS DMS CDC task. */
@Command(
        name = "cdc",
        mixinStandardHelpOptions = true,
        header = "Run the local DMS CDC task: Debezium on the source writes DMS change files to the bronze bucket.",
        description = {
            "Examples:",
            "  lakepipe cdc start --batch-interval 5",
            "  lakepipe cdc status",
            "  lakepipe cdc stop"
        },
        subcommands = {CdcStartCommand.class, CdcStopCommand.class, CdcStatusCommand.class})
public final class CdcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
