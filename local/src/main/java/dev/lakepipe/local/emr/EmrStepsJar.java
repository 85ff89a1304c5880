package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a local step JVM finds its classes, as on an EMR node: {@code emr-steps.jar}, the jars EMR puts on every step's
 * classpath (Spark with Hadoop and Hive, listed in {@code emr-classpath.txt}), and only those {@link EmrNodeJars} the
 * step names in {@code --jars}. All in {@code emr-steps/target} of the repository ({@code -Dlakepipe.repo}, set by
 * {@code bin/lakepipe}; else the working directory or a parent). A jar that bundles what EMR's node classpath puts
 * ahead of it is refused ({@link EmrOwnedPackages}).
 */
public record EmrStepsJar(Path jar, Path emrClasspath, EmrNodeJars nodeJars, Path log4jConfiguration) {

    public EmrStepsJar {
        requireNonNull(jar, "jar is null");
        requireNonNull(emrClasspath, "emrClasspath is null");
        requireNonNull(nodeJars, "nodeJars is null");
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
        throw new LakepipeException(
                "Cannot find emr-steps/target/emr-steps.jar from %s; run 'make build' in the repository "
                        + "or pass -Dlakepipe.repo=<repository>",
                Path.of("").toAbsolutePath());
    }

    public static EmrStepsJar in(Path repository) {
        var target = repository.resolve("emr-steps/target");
        var jar = target.resolve("emr-steps.jar");
        var emrClasspath = target.resolve("emr-classpath.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(emrClasspath)) {
            throw new LakepipeException("Cannot find %s and %s; run 'make build' first", jar, emrClasspath);
        }
        EmrOwnedPackages.checkNotBundled(jar);
        return new EmrStepsJar(jar, emrClasspath, EmrNodeJars.in(target), repository.resolve("config/log4j2.xml"));
    }

    /** {@code emr-steps.jar:<EMR classpath>[:<local copies of the node jars the step names>]}. */
    public String classpath(List<String> stepJars) {
        var entries =
                new StringBuilder(jar.toString()).append(File.pathSeparator).append(read(emrClasspath));
        nodeJars.resolve(stepJars)
                .forEach(copy -> entries.append(File.pathSeparator).append(copy));
        return entries.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", file);
        }
    }
}
