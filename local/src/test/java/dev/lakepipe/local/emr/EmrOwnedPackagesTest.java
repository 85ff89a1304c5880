package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmrOwnedPackagesTest {

    @TempDir
    Path repo;

    @Test
    void aStepJarBundlingTheAwsSdkUnrelocatedIsRefusedNamingEmrsCopyAndTheFix() throws IOException {
        build("dev/lakepipe/steps/A.class", "software/amazon/awssdk/core/SdkBytes.class");

        assertThatThrownBy(() -> EmrStepsJar.in(repo))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining("it bundles classes of packages that an EMR node puts ahead of it")
                .hasMessageContaining(
                        "software/amazon/awssdk/ (e.g. software/amazon/awssdk/core/SdkBytes.class): EMR has it"
                                + " in /usr/share/aws/aws-java-sdk-v2/*")
                .hasMessageContaining("Relocate them in emr-steps' shade plugin");
    }

    @Test
    void aRelocatedSdkIsOurOwn() throws IOException {
        build("dev/lakepipe/steps/A.class", "dev/lakepipe/shaded/awssdk/core/SdkBytes.class");

        assertThatCode(() -> EmrStepsJar.in(repo)).doesNotThrowAnyException();
    }

    /** {@code emr-steps/target} with a step jar of these entries, an EMR classpath and the Hudi bundle's local copy. */
    private void build(String... entries) throws IOException {
        var target = Files.createDirectories(repo.resolve("emr-steps/target"));
        try (var jar = new JarOutputStream(Files.newOutputStream(target.resolve("emr-steps.jar")))) {
            for (var entry : entries) {
                jar.putNextEntry(new ZipEntry(entry));
                jar.closeEntry();
            }
        }
        Files.writeString(target.resolve("emr-classpath.txt"), "");
        var bundle = Files.writeString(target.resolve("bundle.jar"), "");
        Files.writeString(target.resolve("hudi-spark-bundle.txt"), bundle.toString());
    }
}
