package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import then export across separate commands, with the default local DynamoDB kept in $LAKEPIPE_HOME. */
class CliConfigsIT {

    private static final String TPCC = "../pipeline-configs/tpcc.json";

    @TempDir
    Path home;

    @Test
    void importThenExportAcrossCommands() throws Exception {
        var dryRun = CliDriver.runIn(home, "configs", "import", TPCC, "--table", "configs", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out())
                .contains("+ tpcc/database::config")
                .contains("16 to add, 0 to change, 0 unchanged, 0 only stored");

        var imported = CliDriver.runIn(home, "configs", "import", TPCC, "--table", "configs");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("16 added, 0 changed, 0 unchanged");
        assertThat(home.resolve("dynamodb"))
                .isDirectoryContaining(path -> path.toString().endsWith(".db"));

        var again = CliDriver.runIn(home, "configs", "import", TPCC, "--table", "configs");
        assertThat(again.out()).as(again.toString()).contains("0 added, 0 changed, 16 unchanged");

        var exportFile = home.resolve("export.json");
        var exported = CliDriver.runIn(
                home, "configs", "export", "--identifier", "tpcc", "--table", "configs", "-o", exportFile.toString());
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(ConfigReader.readItems(exportFile))
                .containsExactlyInAnyOrderElementsOf(ConfigReader.readItems(Path.of(TPCC)));

        var toStdout = CliDriver.runIn(home, "configs", "export", "--identifier", "tpcc", "--table", "configs");
        assertThat(toStdout.out()).isEqualTo(Files.readString(exportFile));
    }

    @Test
    void refusesToImportAnInvalidFile() {
        var result = CliDriver.runIn(
                home,
                "configs",
                "import",
                "../pipeline-core/src/test/resources/configs/three-mistakes.json",
                "--table",
                "configs");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("3 problem(s); nothing imported");
        assertThat(home.resolve("dynamodb")).doesNotExist();
    }

    @Test
    void exportOfUnknownIdentifierFails() {
        var result = CliDriver.runIn(home, "configs", "export", "--identifier", "nope", "--table", "configs");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("No items for identifier nope in configs; check --identifier and --table,"
                        + " or import a file first\n");
    }
}
