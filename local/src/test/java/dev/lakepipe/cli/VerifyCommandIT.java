package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakepipe verify} passes the verify step's exit code on and shows the step's own error, not only its log's path. */
class VerifyCommandIT {

    @TempDir
    Path home;

    @Test
    void aSnapshotThatCannotBeReadExitsThreeWithTheStepsMessage() {
        var snapshot = home.resolve("nope/snapshot.json").toUri().toString();

        var result = CliDriver.runIn(home, "verify", "--identifier", "tpcc", "--config", snapshot);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err())
                .startsWith("Error: ")
                .contains(home.resolve("nope/snapshot.json").toString(), "(step log: ");
    }
}
