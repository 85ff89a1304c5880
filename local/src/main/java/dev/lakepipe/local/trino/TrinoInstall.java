package dev.lakepipe.local.trino;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The unpacked Trino server: the launcher, {@code lib} and the Hudi plugin (of the archive's 55 plugins), once per
 * machine and version under {@code <cache>/trino-server-<version>} ({@code $XDG_CACHE_HOME/lakepipe}, else
 * {@code ~/.cache/lakepipe}). The archive is the {@code io.trino:trino-server} tar.gz the build resolved
 * ({@code trino.properties}). Plugins share jars through hard links into other plugins' folders, so {@code plugin/} is
 * unpacked whole and the unused plugins deleted; the first unpack takes about 20 s, later runs none.
 */
public record TrinoInstall(String version, Path archive, Path cache) {

    /** The plugins lakepipe's catalog uses. */
    static final Set<String> PLUGINS = Set.of("hudi");

    private static final String COMPLETE = ".complete";

    public TrinoInstall {
        requireNonNull(version, "version is null");
        requireNonNull(archive, "archive is null");
        requireNonNull(cache, "cache is null");
    }

    /** The install the build resolved, cached in the user's cache folder. */
    public static TrinoInstall resolved() {
        var properties = new Properties();
        try (var in = TrinoInstall.class.getResourceAsStream("/trino.properties")) {
            if (in == null) {
                throw new LakepipeException("No trino.properties on the classpath; rebuild lakepipe with 'make build'");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var xdg = System.getenv("XDG_CACHE_HOME");
        var cache = xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "lakepipe")
                : Path.of(System.getProperty("user.home"), ".cache", "lakepipe");
        return new TrinoInstall(
                properties.getProperty("trino.version"), Path.of(properties.getProperty("trino.archive")), cache);
    }

    /** The server folder ({@code bin/launcher}, {@code lib}, {@code plugin}), unpacked first if needed. */
    public Path home() {
        var home = cache.resolve("trino-server-" + version);
        if (Files.exists(home.resolve(COMPLETE))) {
            return home;
        }
        if (!Files.isRegularFile(archive)) {
            throw new LakepipeException(
                    "No Trino server archive at %s; run 'make build' (it resolves io.trino:trino-server:%s:tar.gz)",
                    archive, version);
        }
        unpack(home);
        return home;
    }

    private void unpack(Path home) {
        var top = "trino-server-" + version;
        try {
            Files.createDirectories(cache);
            var staging = Files.createTempDirectory(cache, "." + top + "-");
            try {
                run(List.of(
                        "tar",
                        "-xzf",
                        archive.toString(),
                        "-C",
                        staging.toString(),
                        top + "/bin",
                        top + "/lib",
                        top + "/plugin"));
                var unpacked = staging.resolve(top);
                try (Stream<Path> plugins = Files.list(unpacked.resolve("plugin"))) {
                    for (var plugin : plugins.toList()) {
                        if (!PLUGINS.contains(plugin.getFileName().toString())) {
                            FileTrees.deleteRecursively(plugin);
                        }
                    }
                }
                Files.writeString(unpacked.resolve(COMPLETE), archive + "\n");
                try {
                    Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    if (!Files.exists(home.resolve(COMPLETE))) {
                        throw e;
                    }
                    // Another lakepipe unpacked the same version meanwhile: use that one.
                }
            } finally {
                FileTrees.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to unpack %s into %s: %s", archive, home, e.getMessage());
        }
    }

    private static void run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }
}
