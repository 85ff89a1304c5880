package dev.lakepipe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetricsFileTest {

    private static final Instant NOW = Instant.parse("2026-12-07T19:00:00Z");

    @TempDir
    Path home;

    @Test
    void storesRecordsAndReadsBackTheNewestFiguresPerTable() {
        var accessFile = home.resolve("access/step.jsonl");
        var accesses = AccessLog.to(accessFile, "silver-profile", "incremental_hudi public.orders");
        var metrics =
                new LocalMetricsFile(LocalMetricsFile.directoryOf(home), accesses, Clock.fixed(NOW, ZoneOffset.UTC));
        var older = TableLag.of(
                "tpcc",
                "public.orders",
                NOW.minusSeconds(60),
                Optional.of(NOW.minusSeconds(90)),
                Optional.empty(),
                0,
                0,
                Optional.empty());
        var newer = TableLag.of(
                "tpcc",
                "public.orders",
                NOW,
                Optional.of(NOW.minusSeconds(12)),
                Optional.of(NOW.minusSeconds(2)),
                3,
                4096,
                Optional.of(1024L));
        var other =
                TableLag.of("tpcc", "public.district", NOW, Optional.empty(), Optional.empty(), 0, 0, Optional.empty());
        metrics.publish(new PutMetricData(MetricsPublisher.NAMESPACE, older.data()));
        metrics.publish(new PutMetricData(MetricsPublisher.NAMESPACE, newer.data()));
        metrics.publish(new PutMetricData(MetricsPublisher.NAMESPACE, other.data()));
        accesses.flush();

        var published = LocalMetricsFile.read(metrics.file());
        assertThat(published)
                .hasSize(
                        older.data().size() + newer.data().size() + other.data().size());
        assertThat(TableLag.latest(published))
                .containsExactly(
                        new TableLag(
                                "tpcc",
                                "public.district",
                                NOW,
                                Optional.empty(),
                                Optional.of(0.0),
                                0,
                                0,
                                Optional.empty()),
                        new TableLag(
                                "tpcc",
                                "public.orders",
                                NOW,
                                Optional.of(12.0),
                                Optional.of(10.0),
                                3,
                                4096,
                                Optional.of(1024L)));
        assertThat(AccessLog.read(accessFile))
                .containsExactly(new Access(
                        "incremental_hudi public.orders",
                        "silver-profile",
                        "cloudwatch:PutMetricData",
                        "*",
                        Map.of("cloudwatch:namespace", "Lakepipe")));
    }

    @Test
    void refusesWhatCloudWatchRefusesAndStoresNothing() {
        var metrics = new LocalMetricsFile(home, AccessLog.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
        var stale =
                new MetricDatum("FreshnessSeconds", List.of(), 1, MetricUnit.SECONDS, NOW.minusSeconds(15 * 86_400));
        assertThatThrownBy(() -> metrics.publish(new PutMetricData("Lakepipe", List.of(stale))))
                .hasMessageContaining("Invalid time stamp of metric FreshnessSeconds");
        assertThat(Files.exists(metrics.file())).isFalse();
    }

    @Test
    void identifierSeriesCarryEveryFigureWithoutTheTable() {
        var lag = TableLag.of(
                "tpcc",
                "public.orders",
                NOW,
                Optional.of(NOW.minusSeconds(5)),
                Optional.empty(),
                2,
                10,
                Optional.empty());
        assertThat(lag.secondsBehindCapture()).isEmpty();
        assertThat(lag.data())
                .filteredOn(datum -> datum.dimension(TableLag.TABLE).isEmpty())
                .extracting(MetricDatum::name, MetricDatum::value)
                .containsExactly(
                        tuple(TableLag.FRESHNESS, 5.0),
                        tuple(TableLag.PENDING_FILES, 2.0),
                        tuple(TableLag.PENDING_BYTES, 10.0));
    }
}
