package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.local.demo.FullLoadDemo;
import dev.lakepipe.local.demo.OrchestratedLoad;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.tpcc.TpccSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakepipe demo}: the main job end to end on this machine (full-load part: source, jdbc_load, seed_hudi, verify),
 * then the commands to try next ({@link NextSteps}).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end locally: TPC-C source, full load into Hudi, verify.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Option(
            names = "--warehouses",
            defaultValue = "1",
            converter = Counts.Positive.class,
            description = "TPC-C warehouses to generate (default ${DEFAULT-VALUE}).")
    private int warehouses;

    @Option(
            names = "--source-url",
            description = "Use this existing PostgreSQL instead of the embedded one (admin JDBC URL).")
    private String sourceUrl;

    @Option(
            names = "--cdc-seconds",
            defaultValue = "60",
            converter = Counts.NonNegative.class,
            description =
                    "Seconds of TPC-C workload during the load, captured by the DMS emulator and applied by incremental_hudi; 0 skips CDC (default ${DEFAULT-VALUE}).")
    private int cdcSeconds;

    @Option(
            names = "--cdc-rate",
            defaultValue = "10",
            converter = Counts.Rate.class,
            description = "TPC-C transactions per second of that workload (default ${DEFAULT-VALUE}).")
    private double cdcRate;

    @Option(
            names = "--configs",
            description = "Pipeline configs (default pipeline-configs/tpcc.json of the repository).")
    private Path configs;

    @Override
    public Integer call() {
        try {
            var home = LakepipeHome.resolve();
            var repo = Path.of(System.getProperty("lakepipe.repo", "."));
            var logs =
                    home.resolve("s3/lakepipe-logs/local/demo-" + Instant.now().toEpochMilli());
            var configFile = configs != null ? configs : repo.resolve("pipeline-configs/tpcc.json");
            var process = SparkStepProcess.local();
            // Tables load at once as each pipeline's emr_config.step_parallelism allows (the Map's MaxConcurrency).
            var load = new OrchestratedLoad(home, repo.resolve("state-machines"), configFile, process, output.out());
            var demo = new FullLoadDemo(home, new LocalStepRunner(process, logs), load, output.out());
            if (cdcSeconds > 0) {
                demo.withCdc(cdcRate, Duration.ofSeconds(cdcSeconds));
            }
            var report = demo.run(TpccSource.builder().sourceUrl(sourceUrl), warehouses);
            FullLoadDemo.print(report, output.out());
            NextSteps.of(ConfigReader.load(configFile), home, repo, Path.of("")).print(output.out());
            return report.verified() ? 0 : 1;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
