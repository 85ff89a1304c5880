package dev.lakepipe.local.trino;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.sqlclient.TrinoServerState;
import dev.lakepipe.sqlclient.TrinoSession;
import dev.lakepipe.util.ExclusiveFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * lakepipe sql's Trino server (the local Athena): one node, coordinator and worker, heap {@link #HEAP}, its state under
 * {@code <home>/trino} ({@code etc/}, {@code data/}, the log {@code data/var/log/server.log}). Its one catalog,
 * {@value #CATALOG} (Athena's catalog name), is Trino's Hudi connector over the file metastore that the pipelines keep in
 * the local catalog folder ({@code TrinoMetastore} in emr-steps); the system access control is {@code read-only}, so no
 * statement can change a table, whatever the connector allows. Started on the first query, reused by later ones
 * (a warm server answers in well under a second), stopped by {@code lakepipe sql --stop}.
 */
public final class TrinoServer {

    public static final String CATALOG = TrinoSession.CATALOG;
    static final String HEAP = "1G";
    private static final String USER = TrinoSession.USER;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final TrinoServerState state;
    private final Path metastore;
    private final TrinoInstall install;

    /**
     * @param home the lakepipe state folder; the server lives in {@code <home>/trino}
     * @param metastore the local catalog folder, the file metastore's root
     */
    public TrinoServer(Path home, Path metastore, TrinoInstall install) {
        this.state = TrinoServerState.of(requireNonNull(home, "home is null"));
        this.metastore = requireNonNull(metastore, "metastore is null").toAbsolutePath();
        this.install = requireNonNull(install, "install is null");
    }

    /** The server's log. */
    public Path log() {
        return state.log();
    }

    /** The running server's port, or empty when none answers. */
    public Optional<Integer> running() {
        return state.running();
    }

    /**
     * The server's port, started first unless running. Two commands starting it at once would each write the config
     * with their own port, and the loser's port would be the one on file: the start is one at a time, under a lock in
     * the server's folder, and the second finds the first's server running.
     */
    public int port() {
        var running = running();
        if (running.isPresent()) {
            return running.get();
        }
        var startLock = state.folder().resolve("start.lock");
        try {
            return ExclusiveFileLock.run(startLock, channel -> running().orElseGet(this::start));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to lock " + startLock, e);
        }
    }

    /** A JDBC connection to the server, started first unless running. */
    public Connection connect(Optional<String> schema) {
        var port = port();
        var url = "jdbc:trino://127.0.0.1:" + port + "/" + CATALOG
                + schema.map(name -> "/" + name).orElse("");
        var properties = new Properties();
        properties.setProperty("user", USER);
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to connect to Trino at %s: %s (log: %s)", url, e.getMessage(), log());
        }
    }

    /** Starts the server and waits until it accepts queries; returns its port. */
    private int start() {
        var java = TrinoJava.find();
        var port = freePort();
        writeConfig(port);
        var started = launcher(java, "start");
        if (!started.succeeded()) {
            throw new LakepipeException("Failed to start Trino: %s (log: %s)", started.output(), log());
        }
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.started(port) && hasActiveNode(port)) {
                return port;
            }
            if (state.process().isEmpty()) {
                throw new LakepipeException("Trino stopped while starting; see its log %s", log());
            }
            pause();
        }
        stop();
        throw new LakepipeException("Trino did not start within %s; see its log %s", START_TIMEOUT, log());
    }

    /**
     * True once the coordinator schedules queries on itself for the lake's catalog: it reports started before its node
     * has announced itself and its catalogs, and a scan until then fails with "No nodes available to run query". The
     * probe scans one row of a registered table, if there is one.
     */
    private boolean hasActiveNode(int port) {
        try (var connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port, USER, null);
                var statement = connection.createStatement()) {
            try (var nodes =
                    statement.executeQuery("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'")) {
                if (!nodes.next() || nodes.getLong(1) == 0) {
                    return false;
                }
            }
            String table = null;
            try (var tables = statement.executeQuery("SELECT table_schema, table_name FROM " + CATALOG
                    + ".information_schema.tables WHERE table_schema <> 'information_schema' LIMIT 1")) {
                if (tables.next()) {
                    table = CATALOG + ".\"" + tables.getString(1) + "\".\"" + tables.getString(2) + "\"";
                }
            }
            return table == null || canScan(statement, table);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("No nodes available")) {
                return false;
            }
            throw new LakepipeException(e, "Trino started but cannot run a query: %s (log: %s)", e.getMessage(), log());
        }
    }

    /** False while the scan fails for want of a node; any other failure is the table's, for its own query to report. */
    private static boolean canScan(Statement statement, String table) {
        try (var rows = statement.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            rows.next();
            return true;
        } catch (SQLException e) {
            return e.getMessage() == null || !e.getMessage().contains("No nodes available");
        }
    }

    /**
     * Stops the server if it runs (SIGTERM, Trino's graceful shutdown, then a kill after {@link #STOP_TIMEOUT}); true if
     * one was running. By its pid, not through the launcher, so it works while the thread is interrupted.
     */
    public boolean stop() {
        var process = state.process();
        if (process.isEmpty()) {
            return false;
        }
        var server = process.get();
        server.destroy();
        try {
            server.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            kill(server);
        }
        return true;
    }

    /** A server that outlived its grace period: killed, and waited for, so that a start right after finds it gone. */
    private void kill(ProcessHandle server) {
        server.destroyForcibly();
        try {
            server.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new LakepipeException(
                    "Trino (pid %d) did not exit %s after a kill; see its log %s", server.pid(), STOP_TIMEOUT, log());
        }
    }

    private void writeConfig(int port) {
        var etc = state.etc();
        write(etc.resolve("node.properties"), """
                node.environment=lakepipe
                node.id=lakepipe-local
                node.data-dir=%s
                """.formatted(state.data()));
        write(etc.resolve("jvm.config"), """
                -server
                -Xmx%s
                -XX:+UseSerialGC
                -XX:+ExitOnOutOfMemoryError
                -Djdk.attach.allowAttachSelf=true
                -Duser.timezone=UTC
                """.formatted(HEAP));
        write(etc.resolve("config.properties"), """
                coordinator=true
                node-scheduler.include-coordinator=true
                http-server.http.port=%d
                discovery.uri=http://127.0.0.1:%d
                query.max-memory=512MB
                query.max-memory-per-node=512MB
                task.concurrency=2
                """.formatted(port, port));
        write(etc.resolve("access-control.properties"), "access-control.name=read-only\n");
        write(etc.resolve("catalog/" + CATALOG + ".properties"), """
                connector.name=hudi
                hive.metastore=file
                hive.metastore.catalog.dir=local://%s
                fs.native-local.enabled=true
                local.location=/
                hive.metastore.version-compatibility=UNSAFE_ASSUME_COMPATIBILITY
                """.formatted(metastore));
    }

    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Trino's launcher ({@code start}) on this server's etc and data folders. */
    private Result launcher(Path java, String command) {
        var args = new ArrayList<>(List.of(
                install.home().resolve("bin/launcher").toString(),
                "--etc-dir=" + state.etc(),
                "--data-dir=" + state.data(),
                command));
        var builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", java.toString());
        builder.environment().put("PATH", java.resolve("bin") + ":" + System.getenv("PATH"));
        try {
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes()).strip();
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to run Trino's launcher %s: %s", command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while running Trino's launcher %s", command);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to find a free port for Trino: %s", e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write %s", file);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while waiting for Trino");
        }
    }
}
