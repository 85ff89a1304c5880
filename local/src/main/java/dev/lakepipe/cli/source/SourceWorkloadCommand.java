package dev.lakepipe.cli.source;

import dev.lakepipe.tpcc.TpccWorkload;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "workload",
        mixinStandardHelpOptions = true,
        header = "Run the TPC-C mix (New-Order, Payment, Delivery, Order-Status, Stock-Level) against the source.",
        description =
                "Stops by itself after --duration or --max-transactions, and prints committed transactions per type.")
public final class SourceWorkloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions options;

    @Option(
            names = "--rate",
            defaultValue = "10",
            converter = Counts.Rate.class,
            description = "Transactions per second over all threads; 0 = unpaced.")
    double rate;

    @Option(
            names = "--threads",
            defaultValue = "2",
            converter = Counts.Positive.class,
            description = "Connections running transactions.")
    int threads;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long to run: 90s, 5m, 1h, 500ms or ISO-8601 (PT90S).")
    Duration duration;

    @Option(
            names = "--max-transactions",
            converter = Counts.PositiveLong.class,
            description = "Stop after starting this many transactions.")
    Long maxTransactions;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the transaction choices.")
    long seed;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var builder = TpccWorkload.builder()
                .rate(rate)
                .threads(threads)
                .duration(duration)
                .seed(seed);
        if (maxTransactions != null) {
            builder.maxTransactions(maxTransactions);
        }
        var workload = builder.build();
        try (var source = options.builder().build()) {
            var report = workload.run(source.connector());
            out.printf(
                    "committed %,d transactions in %.1f s (%.1f/s); %d New-Orders rolled back on purpose, %d retries%n",
                    report.totalCommitted(),
                    report.elapsed().toMillis() / 1000.0,
                    report.throughput(),
                    report.rolledBack(),
                    report.retries());
            report.committedInMixOrder()
                    .forEach((type, count) -> out.printf("  %-14s %,10d%n", type.displayName(), count));
        }
        return 0;
    }
}
