package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.metrics.LocalMetricsFile;
import dev.lakepipe.metrics.TableLag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures an apply cycle publishes, from a real cycle on the seeded orders table that stops after its first batch
 * with one change file left: read back from the local metrics file as {@code lakepipe status} reads them.
 */
class ApplyMetricsIT {

    private static final String F1 = "2026/11/23/20261123-113200000.parquet";
    private static final String F2 = "2026/11/23/20261123-113300000.parquet";
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    private static SparkSession spark;

    @TempDir
    Path lake;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void cycleStoppedWithAFilePendingPublishesFreshnessBacklogAndPendingBytes() {
        var table = SeededOrders.in(spark, lake);
        var dms = SeededOrders.changes(spark, table);
        dms.write(F1, List.<Object[]>of(change("U", 101, 1, 1, 10, new BigDecimal("1.10"), SeededOrders.T0)));
        dms.write(
                F2,
                List.<Object[]>of(
                        change("U", 102, 2, 1, 20, new BigDecimal("2.20"), SeededOrders.T0),
                        change("U", 105, 3, 1, 30, new BigDecimal("3.30"), SeededOrders.T0)));
        var applier = new TableApplier(spark, 1);
        var batches = new AtomicInteger();
        var result = applier.applyPending(table, () -> batches.getAndIncrement() >= 1);
        assertThat(result.files()).isEqualTo(1);

        var metricsFolder = lake.resolve("metrics");
        var metrics = new ApplyMetrics(
                "tpcc",
                applier,
                spark.sparkContext().hadoopConfiguration(),
                new LocalMetricsFile(metricsFolder, AccessLog.NONE, Clock.fixed(AT, ZoneOffset.UTC)),
                () -> Optional.of(4096L));
        metrics.publish(table, result, AT);

        var applied = ChangeSequence.parse(DmsFixture.seq(101)).commitTime();
        var captured = ChangeSequence.parse(DmsFixture.seq(105)).commitTime();
        var pendingBytes = fileSize(table, F2);
        assertThat(TableLag.latest(LocalMetricsFile.read(metricsFolder.resolve(LocalMetricsFile.FILE_NAME))))
                .containsExactly(new TableLag(
                        "tpcc",
                        SeededOrders.TABLE,
                        AT,
                        Optional.of((AT.toEpochMilli() - applied.toEpochMilli()) / 1000.0),
                        Optional.of((captured.toEpochMilli() - applied.toEpochMilli()) / 1000.0),
                        1,
                        pendingBytes,
                        Optional.of(4096L)));
        assertThat(pendingBytes).isPositive();
    }

    private static long fileSize(ApplyTable table, String file) {
        try {
            return Files.size(Path.of(URI.create(table.changeFolder())).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
