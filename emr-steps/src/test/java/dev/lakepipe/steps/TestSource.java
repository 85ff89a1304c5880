package dev.lakepipe.steps;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/** One embedded PostgreSQL 16 per test JVM (logical WAL, commit timestamps on), shared by the ITs. */
final class TestSource {

    private static EmbeddedPostgres postgres;

    private TestSource() {}

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("track_commit_timestamp", "on")
                        .setServerConfig("max_connections", "100")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // JVM exit; nothing left to clean.
                }
            }));
        }
        return postgres;
    }

    static Connection connect() throws SQLException {
        return postgres().getPostgresDatabase().getConnection();
    }

    static void execute(String... statements) throws SQLException {
        try (var connection = connect(); var statement = connection.createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
