package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.dms.emulator.EmulatorStatus;
import dev.lakepipe.metrics.LocalMetricsFile;
import dev.lakepipe.metrics.TableLag;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakepipe status}: per table the lag figures the apply steps publish (the local CloudWatch,
 * {@code $LAKEPIPE_HOME/metrics/metrics.jsonl}) with the DMS emulator's capture lag; {@code --watch} refreshes.
 * {@code lakepipe cdc status} stays the emulator's own view (files, rows, process).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Show each table's lag: freshness, behind CDC, pending change files and bytes, the slot's WAL.")
public final class StatusCommand implements Callable<Integer> {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Mixin
    private OutputOptions output;

    @Option(names = "--watch", description = "Refresh until interrupted (Ctrl-C).")
    private boolean watch;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            converter = Counts.Positive.class,
            description = "Seconds between refreshes with --watch (default 2).")
    private int interval = 2;

    @Option(names = "--identifier", paramLabel = "ID", description = "Only the tables of this config identifier.")
    private String identifier;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Local state folder (default: $LAKEPIPE_HOME or .lakepipe).")
    private Path home;

    Ticker ticker = Ticker.sleeping();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        var state = home == null ? LakepipeHome.resolve() : home;
        var file = LocalMetricsFile.directoryOf(state).resolve(LocalMetricsFile.FILE_NAME);
        do {
            try {
                var tables = TableLag.latest(LocalMetricsFile.read(file)).stream()
                        .filter(table ->
                                identifier == null || table.identifier().equals(identifier))
                        .toList();
                if (tables.isEmpty() && !watch) {
                    output.error("No lag figures in " + file + (identifier == null ? "" : " for " + identifier)
                            + ": no apply step has published here yet; run incremental_hudi or continuous_hudi"
                            + " (`lakepipe run`)");
                    return 1;
                }
                var now = clock.instant();
                var capture = EmulatorStatus.read(state.resolve("cdc"));
                output.out()
                        .print((watch ? CLEAR_SCREEN : "") + "Lag per table at " + now + " (" + file + ")\n"
                                + StatusTable.render(tables, capture, now));
                output.out().flush();
            } catch (UncheckedIOException | LakepipeException e) {
                output.error("Cannot show the lag: " + e.getMessage());
                return 1;
            }
        } while (watch && ticker.next(Duration.ofSeconds(interval)));
        return 0;
    }
}
