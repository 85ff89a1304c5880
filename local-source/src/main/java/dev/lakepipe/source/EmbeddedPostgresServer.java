package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 16 server run from the zonky binaries, configured for logical replication, with a
 * data directory that survives restarts: a second start on the same directory resumes the same
 * cluster. The superuser {@code postgres} connects over localhost without a password; every other
 * role must give its password (scram-sha-256).
 */
public final class EmbeddedPostgresServer implements Closeable {

    public static final String SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HBA_MARKER = "# lakepipe: password authentication for every role but postgres";

    private enum State {
        NEW,
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED,
        FAILED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Path dataDirectory;
    private final int requestedPort;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, int port, boolean durable) {
        this.dataDirectory =
                requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "Invalid port: " + port + " (expected 0 for any free port, or 1 to 65535)");
        }
        this.requestedPort = port;
        this.durable = durable;
    }

    /**
     * Starts (initialising the cluster on first use) a server on {@code dataDirectory}.
     *
     * @param port the port to listen on, 0 for any free port
     * @param durable false turns fsync off: faster, but a machine crash can corrupt the cluster
     *     (fine for tests in temporary directories)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable) {
        var server = new EmbeddedPostgresServer(dataDirectory, port, durable);
        server.startServer();
        return server;
    }

    /** True when a postmaster owns this data directory right now (its postmaster.pid names a live process). */
    public static boolean isRunning(Path dataDirectory) {
        return postmasterPid(dataDirectory)
                .flatMap(ProcessHandle::of)
                .map(ProcessHandle::isAlive)
                .orElse(false);
    }

    /** The port a running postmaster of this data directory listens on (line 4 of postmaster.pid). */
    public static OptionalInt runningPort(Path dataDirectory) {
        var lines = postmasterLines(dataDirectory);
        if (lines.length < 4 || !isRunning(dataDirectory)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(lines[3].trim()));
    }

    /** The process id of the postmaster of this data directory, if its postmaster.pid exists. */
    public static Optional<Long> postmasterPid(Path dataDirectory) {
        var lines = postmasterLines(dataDirectory);
        return lines.length == 0 ? Optional.empty() : Optional.of(Long.parseLong(lines[0].trim()));
    }

    /**
     * Stops the postmaster of this data directory, whichever process started it, with a fast
     * shutdown (SIGINT: running transactions roll back, the data is safe), and waits for it to exit.
     *
     * @return false when no postmaster was running
     */
    public static boolean stopRunning(Path dataDirectory, Duration timeout) {
        var pid = postmasterPid(dataDirectory).filter(id -> isRunning(dataDirectory));
        if (pid.isEmpty()) {
            return false;
        }
        try {
            var kill = new ProcessBuilder("kill", "-INT", Long.toString(pid.get()))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new SourceException(
                        "Failed to signal PostgreSQL process %d of %s: kill exited with %d",
                        pid.get(), dataDirectory, kill.exitValue());
            }
            var handle = ProcessHandle.of(pid.get());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (handle.map(ProcessHandle::isAlive).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    throw new SourceException(
                            "Failed to stop PostgreSQL process %d of %s within %s;"
                                    + " check its clients, or stop it with 'kill -QUIT %d'",
                            pid.get(), dataDirectory, timeout, pid.get());
                }
                Thread.sleep(100);
            }
            return true;
        } catch (IOException e) {
            throw new SourceException(
                    e, "Failed to signal PostgreSQL process %d of %s: %s", pid.get(), dataDirectory, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(e, "Cannot wait for PostgreSQL of %s to stop: interrupted", dataDirectory);
        }
    }

    private static String[] postmasterLines(Path dataDirectory) {
        var pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Files.readString(pidFile, StandardCharsets.US_ASCII).split("\n")
                    : new String[0];
        } catch (IOException e) {
            throw new SourceException(e, "Failed to read %s: %s", pidFile, e.getMessage());
        }
    }

    private void startServer() {
        transition(State.NEW, State.STARTING);
        try {
            Files.createDirectories(dataDirectory.getParent());
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("max_wal_size", "2GB")
                    // jdbc_load's exact full-load/CDC handoff reads commit times (docs/full-load.md).
                    .setServerConfig("track_commit_timestamp", "on")
                    .setServerConfig("fsync", durable ? "on" : "off");
            if (requestedPort != 0) {
                builder.setPort(requestedPort);
            }
            postgres = builder.start();
            requirePasswords();
            state.set(State.RUNNING);
            LOG.info("PostgreSQL is running on port {} with data directory {}", postgres.getPort(), dataDirectory);
        } catch (IOException | RuntimeException e) {
            state.set(State.FAILED);
            closeQuietly();
            throw new SourceException(
                    e,
                    "Failed to start embedded PostgreSQL on data directory %s: %s"
                            + " (is another lakepipe process using it? see 'lakepipe source status')",
                    dataDirectory,
                    e.getMessage());
        }
    }

    /** initdb trusts every local connection; make every role but the superuser give its password. */
    private void requirePasswords() throws IOException {
        var hba = dataDirectory.resolve("pg_hba.conf");
        var current = Files.readString(hba, StandardCharsets.UTF_8);
        if (current.contains(HBA_MARKER)) {
            return;
        }
        var rules = HBA_MARKER + "\n"
                + "local   all           postgres                trust\n"
                + "host    all           postgres  127.0.0.1/32  trust\n"
                + "host    all           postgres  ::1/128       trust\n"
                + "host    replication   postgres  127.0.0.1/32  trust\n"
                + "host    replication   postgres  ::1/128       trust\n"
                + "local   all           all                     scram-sha-256\n"
                + "host    all           all       127.0.0.1/32  scram-sha-256\n"
                + "host    all           all       ::1/128       scram-sha-256\n"
                + "host    replication   all       127.0.0.1/32  scram-sha-256\n"
                + "host    replication   all       ::1/128       scram-sha-256\n";
        Files.writeString(hba, rules, StandardCharsets.UTF_8);
        try (var connection = connectAsSuperuser("postgres");
                var statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to reload pg_hba.conf of %s: %s", dataDirectory, e.getMessage());
        }
    }

    public int port() {
        requireRunning();
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public Connection connectAsSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    private void requireRunning() {
        var current = state.get();
        if (current != State.RUNNING && current != State.STARTING) {
            throw new SourceException(
                    "Cannot use embedded PostgreSQL on %s: it is %s, expected RUNNING", dataDirectory, current);
        }
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new SourceException(
                    "Cannot move embedded PostgreSQL on %s to %s: it is %s, expected %s",
                    dataDirectory, next, state.get(), expected);
        }
    }

    /** Stops the server (fast shutdown); the data directory stays. Idempotent. */
    @Override
    public void close() {
        if (state.compareAndSet(State.RUNNING, State.STOPPING)) {
            if (!isRunning(dataDirectory)) {
                // Stopped from outside ('lakepipe source stop'); zonky's pg_ctl stop would only fail.
                state.set(State.STOPPED);
                LOG.info("PostgreSQL on data directory {} was stopped by another process", dataDirectory);
                return;
            }
            try {
                postgres.close();
                state.set(State.STOPPED);
                LOG.info("PostgreSQL on data directory {} stopped", dataDirectory);
            } catch (IOException e) {
                state.set(State.FAILED);
                throw new SourceException(
                        e, "Failed to stop embedded PostgreSQL on %s: %s", dataDirectory, e.getMessage());
            }
        }
    }

    private void closeQuietly() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to stop embedded PostgreSQL on {} after a failed start", dataDirectory, e);
        }
    }
}
