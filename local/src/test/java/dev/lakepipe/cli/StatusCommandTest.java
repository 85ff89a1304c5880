package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.metrics.LocalMetricsFile;
import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.PutMetricData;
import dev.lakepipe.metrics.TableLag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-07T19:00:00Z");

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(StatusCommand command, String... args) {
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private void publish(TableLag lag) {
        new LocalMetricsFile(LocalMetricsFile.directoryOf(home), AccessLog.NONE, Clock.fixed(NOW, ZoneOffset.UTC))
                .publish(new PutMetricData(MetricsPublisher.NAMESPACE, lag.data()));
    }

    private static TableLag orders(Instant at, long pendingFiles, long pendingBytes) {
        return TableLag.of(
                "tpcc",
                "public.orders",
                at,
                Optional.of(at.minusSeconds(30)),
                Optional.of(at.minusSeconds(5)),
                pendingFiles,
                pendingBytes,
                Optional.of(3L * 1024 * 1024));
    }

    @Test
    void showsEachTablesNewestFiguresWithFreshnessBroughtToNow() {
        publish(orders(NOW.minusSeconds(120), 5, 100));
        publish(orders(NOW.minusSeconds(60), 2, 4096));
        publish(TableLag.of(
                "tpcc",
                "public.district",
                NOW.minusSeconds(10),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                Optional.empty()));

        assertThat(run(new StatusCommand())).isZero();

        assertThat(out.toString().lines().toList())
                .containsExactly(
                        "Lag per table at 2026-12-07T19:00:00Z (" + home.resolve("metrics/metrics.jsonl") + ")",
                        "IDENTIFIER   TABLE                         FRESHNESS BEHIND CDC  PENDING  PENDING B   SLOT WAL    CDC LAG  PUBLISHED",
                        "tpcc         public.district                       -       0.0s        0        0 B          -          -  10.0s ago",
                        "tpcc         public.orders                     1m30s      25.0s        2    4.0 KiB    3.0 MiB          -  1m00s ago");
    }

    @Test
    void watchRefreshesOnEveryTickUntilTheTickerStops() {
        publish(orders(NOW.minusSeconds(60), 2, 4096));
        var command = new StatusCommand();
        var intervals = new ArrayList<Duration>();
        command.ticker = interval -> {
            intervals.add(interval);
            if (intervals.size() == 1) {
                publish(orders(NOW, 0, 0));
                return true;
            }
            return false;
        };

        assertThat(run(command, "--watch", "--interval", "5")).isZero();

        assertThat(intervals).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        var frames = out.toString().split("\033\\[H\033\\[2J", -1);
        assertThat(frames).hasSize(3);
        assertThat(frames[1]).contains("public.orders                     1m30s      25.0s        2    4.0 KiB");
        assertThat(frames[2]).contains("public.orders                     30.0s       0.0s        0        0 B");
    }

    @Test
    void withoutFiguresItSaysWhatPublishesThem() throws Exception {
        assertThat(run(new StatusCommand())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("No lag figures in " + home.resolve("metrics/metrics.jsonl")
                        + ": no apply step has published here yet; run incremental_hudi or continuous_hudi (`lakepipe run`)"
                        + System.lineSeparator());

        Files.createDirectories(home.resolve("metrics"));
        Files.writeString(home.resolve("metrics/metrics.jsonl"), "{\"namespace\":\"Lakepipe\",\"name\":\"\"}\n");
        err.getBuffer().setLength(0);
        assertThat(run(new StatusCommand())).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("Cannot show the lag: Invalid metrics line in " + home.resolve("metrics/metrics.jsonl"))
                .contains("delete the file, the apply steps write it again");
    }
}
