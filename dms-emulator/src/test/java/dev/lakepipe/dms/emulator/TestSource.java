package dev.lakepipe.dms.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** A real PostgreSQL 16 with logical decoding, plus the local secrets file that points at it. */
final class TestSource implements AutoCloseable {
    static final String SECRET = "test/source";

    private final EmbeddedPostgres postgres;
    private final Path secretsFile;

    private TestSource(EmbeddedPostgres postgres, Path secretsFile) {
        this.postgres = postgres;
        this.secretsFile = secretsFile;
    }

    static TestSource start(Path directory) throws IOException {
        var postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .setServerConfig("fsync", "off")
                .start();
        var secrets = directory.resolve("secrets.json");
        Files.createDirectories(directory);
        Files.write(secrets, new ObjectMapper().writeValueAsBytes(Map.of(SECRET, Map.of("username", "postgres", "password", "postgres",
                "host", "localhost", "port", postgres.getPort(), "dbname", "postgres", "engine", "postgres", "sslmode", "disable"))));
        return new TestSource(postgres, secrets);
    }

    Path secretsFile() {
        return secretsFile;
    }

    SourceConnection connection() {
        return SourceConnection.fromSecretsFile(secretsFile, SECRET);
    }

    Connection jdbc() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** Runs the statements in one transaction. */
    void transaction(String... statements) throws SQLException {
        try (var connection = jdbc(); var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (var sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
