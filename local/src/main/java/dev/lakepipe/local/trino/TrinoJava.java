package dev.lakepipe.local.trino;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDK Trino's server runs on: Trino 476 needs Java 24 or newer, the rest of lakepipe runs on 17. Found in
 * {@code LAKEPIPE_TRINO_JAVA_HOME} (or {@code -Dlakepipe.trino.java-home}), else the newest JDK 24+ under
 * {@code /usr/lib/jvm}; none is an error that says how to install one.
 */
public final class TrinoJava {

    public static final int MINIMUM_FEATURE = 24;
    public static final String ENVIRONMENT = "LAKEPIPE_TRINO_JAVA_HOME";
    static final Path JVM_ROOT = Path.of("/usr/lib/jvm");
    static final String INSTALL_HINT = "install Temurin 25 (Debian/Ubuntu: add the Adoptium apt repository as"
            + " https://adoptium.net/installation/linux/ says, then 'sudo apt-get install temurin-25-jdk'),"
            + " or set " + ENVIRONMENT + " to a JDK " + MINIMUM_FEATURE + "+";

    private TrinoJava() {}

    /** The Java home to run Trino with. */
    public static Path find() {
        var property = System.getProperty("lakepipe.trino.java-home");
        var configured = property != null && !property.isBlank() ? property : System.getenv(ENVIRONMENT);
        if (configured != null && !configured.isBlank()) {
            var home = Path.of(configured);
            var feature = feature(home)
                    .orElseThrow(() -> new LakepipeException(
                            "Invalid %s %s: no JDK there (no release file or bin/java); %s",
                            ENVIRONMENT, home, INSTALL_HINT));
            if (feature < MINIMUM_FEATURE) {
                throw new LakepipeException(
                        "Invalid %s %s: Java %d, Trino needs Java %d or newer; %s",
                        ENVIRONMENT, home, feature, MINIMUM_FEATURE, INSTALL_HINT);
            }
            return home;
        }
        return newestUnder(JVM_ROOT)
                .orElseThrow(() -> new LakepipeException(
                        "No Java %d+ for Trino (lakepipe sql's engine): %s is unset and %s has none; %s;"
                                + " or run the query on Spark with 'lakepipe sql --engine spark'",
                        MINIMUM_FEATURE, ENVIRONMENT, JVM_ROOT, INSTALL_HINT));
    }

    /** The newest JDK of feature {@link #MINIMUM_FEATURE} or later directly under {@code root}. */
    static Optional<Path> newestUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(root)) {
            return homes.filter(home -> feature(home).orElse(0) >= MINIMUM_FEATURE)
                    .max(Comparator.comparingInt((Path home) -> feature(home).orElse(0))
                            .thenComparing(Path::toString));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list %s", root);
        }
    }

    /** The feature version of the JDK at {@code home} ({@code JAVA_VERSION} of its release file). */
    static Optional<Integer> feature(Path home) {
        var release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            properties.load(in);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", release);
        }
        var version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        var major = version.startsWith("1.") ? version.substring(2) : version;
        var digits = major.split("[^0-9]", 2)[0];
        return digits.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(digits));
    }
}
