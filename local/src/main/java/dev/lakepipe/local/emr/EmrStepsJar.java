package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a local step JVM finds its classes: {@code emr-steps.jar} plus the provided Spark/Hudi jars
 * listed in {@code spark-classpath.txt}, both in {@code emr-steps/target} of the repository
 * ({@code -Dlakepipe.repo}, set by {@code bin/lakepipe}; else the working directory or a parent).
 */
public record EmrStepsJar(Path jar, Path sparkClasspath, Path log4jConfiguration) {

    public EmrStepsJar {
        requireNonNull(jar, "jar is null");
        requireNonNull(sparkClasspath, "sparkClasspath is null");
        requireNonNull(log4jConfiguration, "log4jConfiguration is null");
    }

    public static EmrStepsJar locate() {
        var repo = System.getProperty("lakepipe.repo");
        if (repo != null && !repo.isBlank()) {
            return in(Path.of(repo));
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emr-steps/target/emr-steps.jar"))) {
                return in(dir);
            }
        }
        throw new LakepipeException("Cannot find emr-steps/target/emr-steps.jar from %s; run 'make build' in the repository "
                + "or pass -Dlakepipe.repo=<repository>", Path.of("").toAbsolutePath());
    }

    public static EmrStepsJar in(Path repository) {
        var target = repository.resolve("emr-steps/target");
        var jar = new EmrStepsJar(target.resolve("emr-steps.jar"), target.resolve("spark-classpath.txt"),
                repository.resolve("config/log4j2.xml"));
        if (!Files.isRegularFile(jar.jar()) || !Files.isRegularFile(jar.sparkClasspath())) {
            throw new LakepipeException("Cannot find %s and %s; run 'make build' first", jar.jar(), jar.sparkClasspath());
        }
        return jar;
    }

    /** {@code emr-steps.jar:<spark classpath>}. */
    public String classpath() {
        try {
            return jar + java.io.File.pathSeparator + Files.readString(sparkClasspath).trim();
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", sparkClasspath);
        }
    }
}
