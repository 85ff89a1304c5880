package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI half of {@code lakepipe tables describe} (the Spark half: emr-steps SqlAndDescribeIT). */
class TablesDescribeCommandTest {

    @TempDir
    Path home;

    @Test
    void describeAsksTheSparkJvmForOneTableWithTheApplyStatusFolderAndLogsSparkToAFile() throws IOException {
        Files.createDirectories(home.resolve("catalog"));
        var command = new TablesDescribeCommand();
        new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs("tpcc_public_stock", "--format", "json");

        assertThat(command.stepArgs(home, Instant.ofEpochMilli(42)))
                .containsExactly(
                        "--catalog",
                        home.resolve("catalog").toAbsolutePath().toString(),
                        "--table",
                        "tpcc_public_stock",
                        "--format",
                        "json",
                        "--status-dir",
                        home.resolve("s3/lakepipe-logs/cdc").toAbsolutePath().toString(),
                        "--log",
                        home.resolve("s3/lakepipe-logs/local/describe-42/spark.log")
                                .toAbsolutePath()
                                .toString());
        var missing = CliDriver.run(
                "tables", "describe", "--home", home.resolve("elsewhere").toString(), "tpcc_public_stock");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err())
                .startsWith("Error: No catalog at "
                        + home.resolve("elsewhere/catalog").toAbsolutePath());
    }
}
