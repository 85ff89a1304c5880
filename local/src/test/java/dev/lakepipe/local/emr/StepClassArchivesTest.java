package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepClassArchivesTest {

    private static final List<String> JVM = List.of("-Xmx2g");
    private static final String CLASSPATH = "emr-steps.jar:spark-core.jar";

    @TempDir
    Path folder;

    @Test
    void theFirstJvmWritesTheArchiveTheOthersMapItOnceItExited() throws Exception {
        var archives = new StepClassArchives(folder);

        var first = archives.use(JVM, CLASSPATH);
        var written = Path.of(option(first, "-XX:ArchiveClassesAtExit="));
        assertThat(archives.use(JVM, CLASSPATH).options())
                .as("while the first writes")
                .isEmpty();

        Files.writeString(written, "archive");
        first.exited().run();
        var later = archives.use(JVM, CLASSPATH);

        assertThat(written).doesNotExist();
        assertThat(Path.of(option(later, "-XX:SharedArchiveFile="))).hasContent("archive");
        assertThat(later.options()).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        assertThat(archives.use(JVM, "emr-steps.jar").options())
                .as("another classpath, another archive")
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aKilledJvmsArchiveIsDroppedAndTheNextJvmWritesItAgain() throws Exception {
        var archives = new StepClassArchives(folder);
        var killed = archives.use(JVM, CLASSPATH);
        var partial = Path.of(option(killed, "-XX:ArchiveClassesAtExit="));
        Files.writeString(partial, "arch");

        killed.killed().run();

        assertThat(partial).doesNotExist();
        assertThat(archives.use(JVM, CLASSPATH).options())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aJvmThatHaltedWithoutWritingLeavesTheArchiveToTheNext() {
        var archives = new StepClassArchives(folder);
        archives.use(JVM, CLASSPATH).exited().run();

        assertThat(archives.use(JVM, CLASSPATH).options())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aClasspathWithAFolderGetsNoArchive() {
        var archives = new StepClassArchives(folder);

        assertThat(archives.use(JVM, "emr-steps.jar:" + folder).options()).isEmpty();
    }

    private static String option(StepClassArchives.Use use, String prefix) {
        return use.options().stream()
                .filter(option -> option.startsWith(prefix))
                .map(option -> option.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + use.options()));
    }
}
