package dev.lakepipe.local.demo;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.deploy.LakeBucket;
import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.dms.emulator.DmsEmulator;
import dev.lakepipe.dms.emulator.EmulatorOptions;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.TpccWorkload;
import dev.lakepipe.tpcc.WorkloadReport;
import java.io.Closeable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The demo's CDC part: the DMS emulator captures from before the full load starts, a TPC-C workload runs
 * while jdbc_load and seed_hudi run, then the emulator publishes everything; the demo then runs the
 * incremental_hudi pipeline through the launcher ({@link FullLoadDemo}), which applies the change files of every table.
 */
final class CdcDemoPhase implements Closeable {

    static final int BATCH_INTERVAL_SECONDS = 5;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);

    private final DmsEmulator emulator;
    private final CompletableFuture<WorkloadReport> workload;
    private final PrintWriter out;

    private CdcDemoPhase(DmsEmulator emulator, CompletableFuture<WorkloadReport> workload, PrintWriter out) {
        this.emulator = emulator;
        this.workload = workload;
        this.out = out;
    }

    /** Starts capture (the replication slot exists before jdbc_load exports its snapshot), then the workload. */
    static CdcDemoPhase start(Path home, TpccSource tpcc, double rate, Duration duration, PrintWriter out) {
        requireNonNull(tpcc, "tpcc is null");
        var options = new EmulatorOptions(
                tpcc.secretsFile(),
                SecretsFile.DMS_SECRET,
                home.resolve("s3").resolve(LakeBucket.BRONZE.localName()),
                home.resolve("cdc"),
                null,
                List.of("public"),
                DataFormat.PARQUET,
                CompressionType.GZIP,
                BATCH_INTERVAL_SECONDS,
                DmsS3Settings.DEFAULT_CDC_MIN_FILE_SIZE_KB,
                DmsPostgresSourceSettings.DEFAULT_SLOT_NAME,
                tpcc.publication());
        var emulator = options.emulator();
        emulator.start();
        out.printf(
                "[demo] cdc: DMS emulator capturing (files every %d s); TPC-C workload %.0f tx/s for %d s during the full load%n",
                BATCH_INTERVAL_SECONDS, rate, duration.toSeconds());
        out.flush();
        var workload = CompletableFuture.supplyAsync(() -> TpccWorkload.builder()
                .rate(rate)
                .threads(2)
                .duration(duration)
                .build()
                .run(tpcc.connector()));
        return new CdcDemoPhase(emulator, workload, out);
    }

    /** Waits for the workload and for the emulator to receive the rest of the WAL, then publishes every pending change. */
    WorkloadReport finishCapture() {
        try {
            var report = workload.get();
            out.printf("[demo] cdc: workload done: %d transactions committed%n", report.totalCommitted());
            emulator.awaitCaughtUp(CATCH_UP_TIMEOUT);
            emulator.close();
            out.printf("[demo] cdc: emulator stopped after publishing every change%n");
            out.flush();
            return report;
        } catch (ExecutionException e) {
            throw new LakepipeException(
                    e.getCause(),
                    "Failed to run the TPC-C workload: %s",
                    e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while finishing CDC capture");
        }
    }

    @Override
    public void close() {
        workload.cancel(true);
        emulator.close();
    }
}
