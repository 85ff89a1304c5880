package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.local.demo.FullLoadDemo;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.tpcc.TpccSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lakepipe demo}: the main job end to end on this machine (full-load part: source, jdbc_load, seed_hudi, verify). */
@Command(name = "demo", description = "Run the pipeline end to end locally: TPC-C source, full load into Hudi, verify.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Option(names = "--warehouses", defaultValue = "1", description = "TPC-C warehouses to generate (default ${DEFAULT-VALUE}).")
    private int warehouses;

    @Option(names = "--source-url", description = "Use this existing PostgreSQL instead of the embedded one (admin JDBC URL).")
    private String sourceUrl;

    @Option(names = "--parallelism", defaultValue = "2", description = "Tables loaded at once, one step JVM each (default ${DEFAULT-VALUE}).")
    private int parallelism;

    @Option(names = "--configs", description = "Pipeline configs (default pipeline-configs/tpcc.json of the repository).")
    private Path configs;

    @Override
    public Integer call() {
        try {
            var home = LakepipeHome.resolve();
            var repo = Path.of(System.getProperty("lakepipe.repo", "."));
            var logs = home.resolve("s3/lakepipe-logs/local/demo-" + Instant.now().toEpochMilli());
            var demo = new FullLoadDemo(home, configs != null ? configs : repo.resolve("pipeline-configs/tpcc.json"),
                    new LocalStepRunner(SparkStepProcess.local(), logs), parallelism, output.out());
            var report = demo.run(TpccSource.builder().sourceUrl(sourceUrl), warehouses);
            FullLoadDemo.print(report, output.out());
            return report.verified() ? 0 : 1;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
