package dev.lakepipe.local.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoJavaTest {

    @TempDir
    Path jvm;

    @Test
    void picksTheNewestJdkOfAtLeast24() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-24-jdk-amd64", "24.0.2");
        jdk("temurin-25-jdk-amd64", "25.0.3");
        Files.createDirectories(jvm.resolve("not-a-jdk"));

        assertThat(TrinoJava.newestUnder(jvm)).contains(jvm.resolve("temurin-25-jdk-amd64"));
    }

    @Test
    void findsNoneBelow24() throws IOException {
        jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("java-8", "1.8.0_402");

        assertThat(TrinoJava.newestUnder(jvm)).isEmpty();
        assertThat(TrinoJava.feature(jvm.resolve("java-8"))).contains(8);
    }

    private void jdk(String name, String version) throws IOException {
        var home = Files.createDirectories(jvm.resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nIMPLEMENTOR=\"x\"\n");
        var java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
