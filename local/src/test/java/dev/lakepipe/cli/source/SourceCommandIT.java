package dev.lakepipe.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.cli.LakepipeCli;
import dev.lakepipe.source.SecretsFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo flow of the source commands, in-process: start in the foreground, generate, workload, status, stop. */
class SourceCommandIT {

    @TempDir
    Path home;

    private final List<String> printed = new ArrayList<>();

    @Test
    void startGenerateWorkloadStatusStop() throws Exception {
        assertThat(run("source", "status", "--home", home.toString())).isEqualTo(1);
        assertThat(last()).contains("status:         stopped", "not created yet");

        var startOutput = new StringWriter();
        var start = CompletableFuture.supplyAsync(
                () -> command(startOutput).execute("source", "start", "--home", home.toString()));
        waitUntilRunning(start);

        assertThat(run("source", "start", "--home", home.toString())).isZero();
        assertThat(last()).contains("already running");

        assertThat(run("source", "generate", "--home", home.toString(), "--scale", "tiny", "--warehouses", "1"))
                .isZero();
        assertThat(last()).contains("public.order_line", "public.history", "for 1 warehouse(s)");

        assertThat(run(
                        "source",
                        "workload",
                        "--home",
                        home.toString(),
                        "--rate",
                        "0",
                        "--threads",
                        "2",
                        "--max-transactions",
                        "60",
                        "--duration",
                        "30s"))
                .isZero();
        assertThat(last()).contains("New-Order", "Payment", "Delivery", "Order-Status", "Stock-Level", "committed");

        assertThat(run("source", "status", "--home", home.toString())).isZero();
        assertThat(last())
                .contains(
                        "status:         running",
                        "public.warehouse",
                        "jdbc:postgresql://localhost:",
                        "lakepipe_spark",
                        "lakepipe_dms");

        assertThat(run("source", "stop", "--home", home.toString())).isZero();
        assertThat(last()).contains("stopped the source of");
        assertThat(start.get(60, TimeUnit.SECONDS)).isZero();
        printed.add(startOutput.toString());
        assertThat(startOutput.toString()).contains("status:         running", "status:         stopped");

        var secrets = new SecretsFile(home.resolve("secrets.json")).readAll();
        assertThat(secrets).containsOnlyKeys(SecretsFile.SPARK_SECRET, SecretsFile.DMS_SECRET);
        for (var secret : secrets.values()) {
            assertThat(printed).allSatisfy(output -> assertThat(output).doesNotContain(secret.password()));
        }
    }

    @Test
    void rejectsAnInvalidDuration() {
        var errors = new StringWriter();
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setErr(new PrintWriter(errors));
        assertThat(commandLine.execute("source", "workload", "--home", home.toString(), "--duration", "soon"))
                .isEqualTo(2);
        assertThat(errors.toString())
                .contains("Invalid duration: soon (expected e.g. 500ms, 90s, 5m, 1h, 7d or PT90S)");
    }

    private void waitUntilRunning(CompletableFuture<Integer> start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (run("source", "status", "--home", home.toString()) != 0) {
            assertThat(start).isNotDone();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    private int run(String... args) {
        var output = new StringWriter();
        int exit = command(output).execute(args);
        printed.add(output.toString());
        return exit;
    }

    private String last() {
        return printed.get(printed.size() - 1);
    }

    private static picocli.CommandLine command(StringWriter output) {
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setOut(new PrintWriter(output, true));
        return commandLine;
    }
}
