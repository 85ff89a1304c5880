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
    private static final String MAIN = "dev.lakepipe.steps.SeedHudiStep";

    @TempDir
    Path folder;

    @Test
    void theFirstJvmWritesTheArchiveTheOthersMapItOnceItExited() throws Exception {
        var archives = new StepClassArchives(folder);

        var first = archives.use(JVM, CLASSPATH, MAIN);
        var written = Path.of(option(first, "-XX:ArchiveClassesAtExit="));
        assertThat(archives.use(JVM, CLASSPATH, MAIN).options())
                .as("while the first writes")
                .isEmpty();

        Files.writeString(written, "archive");
        first.succeeded().run();
        var later = archives.use(JVM, CLASSPATH, MAIN);

        assertThat(written).doesNotExist();
        assertThat(Path.of(option(later, "-XX:SharedArchiveFile="))).hasContent("archive");
        assertThat(later.options()).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        assertThat(archives.use(JVM, "emr-steps.jar", MAIN).options())
                .as("another classpath, another archive")
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives.use(JVM, CLASSPATH, "dev.lakepipe.steps.VerifyStep").options())
                .as("another main class, another archive")
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aFailedJvmsArchiveIsDroppedItLoadedOnlySomeOfItsClasses() throws Exception {
        var archives = new StepClassArchives(folder);
        var failed = archives.use(JVM, CLASSPATH, MAIN);
        var written = Path.of(option(failed, "-XX:ArchiveClassesAtExit="));
        Files.writeString(written, "few classes");

        failed.failed().run();

        assertThat(written).doesNotExist();
        assertThat(archives.use(JVM, CLASSPATH, MAIN).options())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aKilledJvmsArchiveIsDroppedAndTheNextJvmWritesItAgain() throws Exception {
        var archives = new StepClassArchives(folder);
        var killed = archives.use(JVM, CLASSPATH, MAIN);
        var partial = Path.of(option(killed, "-XX:ArchiveClassesAtExit="));
        Files.writeString(partial, "arch");

        killed.failed().run();

        assertThat(partial).doesNotExist();
        assertThat(archives.use(JVM, CLASSPATH, MAIN).options())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aJvmThatHaltedWithoutWritingLeavesTheArchiveToTheNext() {
        var archives = new StepClassArchives(folder);
        archives.use(JVM, CLASSPATH, MAIN).succeeded().run();

        assertThat(archives.use(JVM, CLASSPATH, MAIN).options())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aClasspathWithAFolderGetsNoArchive() {
        var archives = new StepClassArchives(folder);

        assertThat(archives.use(JVM, "emr-steps.jar:" + folder, MAIN).options()).isEmpty();
    }

    private static String option(StepClassArchives.Use use, String prefix) {
        return use.options().stream()
                .filter(option -> option.startsWith(prefix))
                .map(option -> option.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + use.options()));
    }
}
