package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented exit codes (docs/operations.md) of verify, where no JVM or source is needed; bad flags: HostileFlagsTest. */
class ExitCodesTest {

    @TempDir
    Path home;

    @Test
    void verifyThatCannotRunExitsThreeNotOneWhichMeansTheLakeDiffers() {
        var result = CliDriver.runIn(home, "verify", "--identifier", "tpcc");

        assertThat(result.exitCode())
                .as(result.toString())
                .isEqualTo(VerifyCommand.FAILED)
                .isEqualTo(3);
        assertThat(result.err())
                .contains("Error: Cannot find a runtime snapshot of tpcc under "
                        + home.resolve("s3/lakepipe-artifacts/runtime/tpcc"));
    }

    @Test
    void verifyShowsTheStepsOwnErrorLine() throws IOException {
        var stderr = Files.writeString(
                home.resolve("stderr"),
                "log line\nverify: Cannot find step::system::public.nope in the configs of tpcc;"
                        + " add the item or check the --table argument\n\tat x\n");

        assertThat(VerifyCommand.stepError(stderr))
                .contains("Cannot find step::system::public.nope in the configs of tpcc;"
                        + " add the item or check the --table argument");
        assertThat(VerifyCommand.stepError(home.resolve("missing"))).isEmpty();
    }
}
