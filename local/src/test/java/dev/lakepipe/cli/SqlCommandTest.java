package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI half of {@code lakepipe sql} (the Spark half: emr-steps SqlAndDescribeIT). */
class SqlCommandTest {

    @TempDir
    Path home;

    @Test
    void passesTheQueryAndItsReadModeToTheSparkJvm() throws IOException {
        Files.createDirectories(home.resolve("catalog"));
        var command = new SqlCommand();
        new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(
                        "select 1",
                        "--format",
                        "CSV",
                        "--limit",
                        "0",
                        "--as-of",
                        "20261123110000000",
                        "--changes-since",
                        "20261123100000000");

        var args = command.stepArgs(home, Instant.ofEpochMilli(42));

        assertThat(args)
                .containsExactly(
                        "--catalog",
                        home.resolve("catalog").toAbsolutePath().toString(),
                        "--format",
                        "csv",
                        "--limit",
                        "0",
                        "--log",
                        home.resolve("s3/lakepipe-logs/local/sql-42/spark.log")
                                .toAbsolutePath()
                                .toString(),
                        "--query",
                        "select 1",
                        "--as-of",
                        "20261123110000000",
                        "--changes-since",
                        "20261123100000000");
    }

    @Test
    void saysWhereItLookedForTheCatalog() {
        var result = CliDriver.run("sql", "--home", home.toString(), "select 1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: No catalog at " + home.resolve("catalog").toAbsolutePath()
                        + ": no table has been seeded there; run 'lakepipe demo'");
    }

    @Test
    void rejectsAnUnknownFormatBeforeStartingSpark() {
        var result = CliDriver.run("sql", "--home", home.toString(), "--format", "xml", "select 1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for option '--format': expected one of [TABLE, CSV, JSON]");
    }

    @Test
    void sendsTimeTravelToSparkBeforeStartingTrino() throws IOException {
        Files.createDirectories(home.resolve("catalog"));

        var result = CliDriver.run("sql", "--home", home.toString(), "--as-of", "20261123110000000", "select 1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: Invalid option --as-of: Trino (like Athena) has no time travel or incremental"
                        + " reads of Hudi tables; add --engine spark");
    }

    @Test
    void saysThatACatalogWithoutTrinoMetastoreNeedsANewSeed() throws IOException {
        Files.createDirectories(home.resolve("catalog/tpcc_lake"));

        var result = CliDriver.run("sql", "--home", home.toString(), "select 1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: No Trino metastore in "
                        + home.resolve("catalog").toAbsolutePath()
                        + ": its tables were registered before lakepipe sql ran on Trino;");
    }
}
