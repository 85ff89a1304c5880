package dev.lakepipe.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.TransactionType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end with every real part, as {@code make demo} runs it: the DMS emulator captures
 * from before the load, a TPC-C workload commits inserts, updates and deletes while the state machine runs
 * jdbc_load, seed_hudi and a first incremental_hudi for all nine tables (one step JVM each), then the last
 * change files are applied and {@code verify} compares source and silver.
 * The workload starts with the load and runs for {@link #WORKLOAD}, about as long as the jdbc_load phase, so
 * changes commit before, during and after the tables' exported snapshots and while seed_hudi runs.
 */
class CdcEndToEndIT {

    private static final Duration WORKLOAD = Duration.ofSeconds(25);
    private static final double RATE = 20;
    /** Every table TPC-C changes; {@code item} is read-only. */
    private static final List<String> CHANGED_TABLES =
            List.of("warehouse", "district", "customer", "history", "new_order", "orders", "order_line", "stock");

    @TempDir
    Path home;

    @Test
    void lakeEqualsSourceAfterCdcUnderLiveLoad() {
        var log = new StringWriter();
        var progress = new PrintWriter(log, true);
        var process = SparkStepProcess.local();
        var load = new OrchestratedLoad(home, Path.of("..", "state-machines"), Path.of("..", "pipeline-configs", "tpcc.json"), process, progress);
        var demo = new FullLoadDemo(home, new LocalStepRunner(process, home.resolve("logs")), load, progress).withCdc(RATE, WORKLOAD);

        var report = demo.run(TpccSource.builder().durable(false).scale(TpccScale.TINY), 1);

        assertThat(report.verified()).as(log.toString()).isTrue();
        assertThat(report.verifyOutput()).contains("verify: all 9 tables equal");
        var workload = report.workload().orElseThrow();
        assertThat(workload.committed(TransactionType.NEW_ORDER)).as("New-Orders insert orders, new_order, order_line").isPositive();
        assertThat(workload.committed(TransactionType.PAYMENT)).as("Payments insert history, update customer").isPositive();
        assertThat(workload.committed(TransactionType.DELIVERY)).as("Deliveries delete new_order rows").isPositive();
        for (var table : CHANGED_TABLES) {
            assertThat(changeFiles(table)).as("DMS change files of public.%s", table).isPositive();
        }
    }

    private long changeFiles(String table) {
        var folder = home.resolve("s3/lakepipe-bronze/incremental/tpcc/public").resolve(table);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
