package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The Trino server of a state folder as its files show it, under {@code <home>/trino}: the port in
 * {@code etc/config.properties}, the process in the launcher's pid file, the log {@code data/var/log/server.log}.
 */
public record TrinoServerState(Path folder) {

    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(5);

    public TrinoServerState {
        requireNonNull(folder, "folder is null");
        folder = folder.toAbsolutePath();
    }

    /** The server of the state folder {@code home}. */
    public static TrinoServerState of(Path home) {
        return new TrinoServerState(home.resolve("trino"));
    }

    public Path etc() {
        return folder.resolve("etc");
    }

    public Path data() {
        return folder.resolve("data");
    }

    /** The server's log. */
    public Path log() {
        return data().resolve("var/log/server.log");
    }

    /** The running server's port, or empty when none answers or it is still starting. */
    public Optional<Integer> running() {
        var port = configuredPort();
        if (port.isEmpty() || process().isEmpty()) {
            return Optional.empty();
        }
        return started(port.get()) ? port : Optional.empty();
    }

    /** True once the server on {@code port} answers {@code /v1/info} as started. */
    public boolean started(int port) {
        try {
            var connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/v1/info").toURL().openConnection();
            connection.setConnectTimeout((int) INFO_TIMEOUT.toMillis());
            connection.setReadTimeout((int) INFO_TIMEOUT.toMillis());
            try {
                if (connection.getResponseCode() != 200) {
                    return false;
                }
                try (var in = connection.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"starting\":false");
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            // Nothing listens on the port (yet, or any more): the server is not running.
            return false;
        }
    }

    /** The server process: the launcher's pid file names a live JVM whose command line names this folder. */
    public Optional<ProcessHandle> process() {
        var pidFile = data().resolve("var/run/launcher.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            var pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .commandLine()
                            .map(line -> line.contains(folder.toString()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            // A pid file being written or left by a crashed launcher: no server runs from it.
            return Optional.empty();
        }
    }

    /** The HTTP port the configuration gives the server. */
    public Optional<Integer> configuredPort() {
        var config = etc().resolve("config.properties");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (var in = Files.newBufferedReader(config)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(properties.getProperty("http-server.http.port"))
                .map(Integer::valueOf);
    }
}
