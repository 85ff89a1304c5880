package dev.lakepipe.cli.source;

import dev.lakepipe.source.EmbeddedPostgresServer;
import dev.lakepipe.tpcc.TpccScale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        header =
                "Start the embedded source and keep it running in the foreground until Ctrl-C or 'lakepipe source stop'.",
        description = "Creates the tpcc database, the TPROC-C tables, the Spark and DMS roles and <home>/secrets.json"
                + " on first use; later starts resume the same data. With --warehouses, generates data when the tables"
                + " are empty. Exits at once (0) when the source of this home already runs.")
public final class SourceStartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(
            names = "--warehouses",
            defaultValue = "0",
            converter = Counts.NonNegative.class,
            description = "Generate this many warehouses if the tables are empty.")
    int warehouses;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator.")
    long seed;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (var source = options.builder()
                .warehouses(warehouses)
                .scale(TpccScale.STANDARD)
                .seed(seed)
                .build()) {
            SourcePrinter.location(out, source);
            source.generation()
                    .ifPresent(report -> out.printf(
                            "generated:      %,d rows in %d ms%n",
                            report.totalRows(), report.duration().toMillis()));
            if (!source.ownsServer()) {
                out.println("status:         already running (started by another process); nothing to do");
                out.flush();
                return 0;
            }
            out.println("status:         running; stop with Ctrl-C or 'lakepipe source stop'");
            out.flush();
            var dataDirectory = source.dataDirectory().orElseThrow();
            while (EmbeddedPostgresServer.isRunning(dataDirectory)) {
                Thread.sleep(500);
            }
            out.println("status:         stopped");
            return 0;
        }
    }
}
