package dev.lakepipe.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pid file's status never lies, its stop never signals a stranger, and a second start never removes the first's file. */
class PidFileTest {

    @TempDir
    Path dir;

    private Process stranger;

    @AfterEach
    void endTheChild() {
        if (stranger != null) {
            stranger.destroyForcibly();
        }
    }

    @Test
    void namesThisProcessAfterWritingAndDeletesOnlyItsOwnFile() throws IOException {
        var file = new PidFile(dir.resolve("emulator.pid"));

        file.writeOwn();

        assertThat(file.owner())
                .map(ProcessHandle::pid)
                .contains(ProcessHandle.current().pid());
        assertThat(file.isStale()).isFalse();
        file.deleteIfOwn();
        assertThat(file.path()).doesNotExist();
        assertThat(file.owner()).isEmpty();
    }

    @Test
    void aStalePidFileWhosePidNowBelongsToAnotherProcessIsNotRunningAndNeverSignalled() throws Exception {
        stranger = new ProcessBuilder("sleep", "300").start();
        var file = new PidFile(dir.resolve("emulator.pid"));
        var started = stranger.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.writeString(file.path(), stranger.pid() + " " + (started - 60_000));

        assertThat(file.owner()).isEmpty();
        assertThat(file.isStale()).isTrue();
        assertThat(file.stop(Duration.ofSeconds(5), "DMS emulator")).isFalse();
        assertThat(stranger.isAlive()).as("the stranger was not signalled").isTrue();
        file.deleteIfOwn();
        assertThat(file.path())
                .as("a file naming another process is not ours to delete")
                .exists();

        Files.writeString(file.path(), stranger.pid() + " " + started);
        assertThat(file.owner()).map(ProcessHandle::pid).contains(stranger.pid());
        assertThat(file.stop(Duration.ofSeconds(30), "DMS emulator")).isTrue();
        assertThat(stranger.isAlive()).isFalse();
    }

    @Test
    void aFileWithoutAStartTimeNamesNoOwnerAndAGarbledOneSaysHowToRecover() throws IOException {
        var file = new PidFile(dir.resolve("emulator.pid"));
        Files.writeString(file.path(), Long.toString(ProcessHandle.current().pid()));

        assertThat(file.owner())
                .as("a bare pid cannot be told from a reused one")
                .isEmpty();

        Files.writeString(file.path(), "not a pid");
        assertThatThrownBy(file::owner)
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid pid file %s: 'not a pid'; expected '<pid> <start epoch millis>'; delete it if the process is gone",
                        file.path());
    }
}
