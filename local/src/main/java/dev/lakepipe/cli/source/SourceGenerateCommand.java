package dev.lakepipe.cli.source;

import dev.lakepipe.tpcc.TpccGenerator;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        header = "Load the TPC-C population (COPY, deterministic for a seed) into the empty source tables.")
public final class SourceGenerateCommand implements Callable<Integer> {

    /** The row counts of the generator. */
    public enum Scale {
        STANDARD,
        TINY
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(
            names = "--warehouses",
            defaultValue = "1",
            converter = Counts.Positive.class,
            description = "Warehouses (scale factor; about 600k rows each).")
    int warehouses;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: the same seed gives the same rows.")
    long seed;

    @Option(
            names = "--scale",
            defaultValue = "STANDARD",
            description = "STANDARD (TPC-C cardinalities) or TINY (about 1%% of the rows, same shape).")
    Scale scale;

    @Option(names = "--reset", description = "Empty every TPC-C table first (the only way to regenerate).")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var generator = TpccGenerator.builder()
                .warehouses(warehouses)
                .seed(seed)
                .scale(scale == Scale.TINY ? TpccScale.TINY : TpccScale.STANDARD)
                .build();
        try (var source = options.builder().build()) {
            if (reset) {
                try (var connection = source.adminConnection()) {
                    TpccSchema.truncate(connection);
                }
            }
            var report = generator.generate(source.connector());
            out.printf(
                    "generated %,d rows for %d warehouse(s) in %d ms (%,.0f rows/s)%n",
                    report.totalRows(),
                    warehouses,
                    report.duration().toMillis(),
                    report.totalRows() / Math.max(0.001, report.duration().toMillis() / 1000.0));
            report.rowsInTableOrder()
                    .forEach((table, rows) -> out.printf("  %-18s %,12d%n", table.qualifiedName(), rows));
        }
        return 0;
    }
}
