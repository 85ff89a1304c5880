package dev.lakepipe.dms.emulator;

import dev.lakepipe.deploy.StackNames;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.source.EmbeddedPostgresServer;
import dev.lakepipe.source.LocalSource;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.source.SourceNames;
import dev.lakepipe.source.SourceSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The local source (embedded PostgreSQL 16 with logical decoding) on the {@code postgres} database, tables made by
 * each test, plus a superuser secret {@value #SECRET} in its secrets file for the emulator to capture as the owner.
 */
final class TestSource implements AutoCloseable {
    static final String SECRET = "test/source";

    private final LocalSource source;

    private TestSource(LocalSource source) {
        this.source = source;
    }

    static TestSource start(Path home) {
        var source = LocalSource.builder()
                .home(home)
                .durable(false)
                .names(SourceNames.of(new StackNames("cdc_test"), "postgres"))
                .schema(SourceSchema.existing("public"))
                .build();
        new SecretsFile(source.secretsFile())
                .write(Map.of(
                        SECRET,
                        new DatabaseSecret(
                                EmbeddedPostgresServer.SUPERUSER,
                                EmbeddedPostgresServer.SUPERUSER,
                                source.host(),
                                source.port(),
                                source.database(),
                                "postgres",
                                "disable")));
        return new TestSource(source);
    }

    Path secretsFile() {
        return source.secretsFile();
    }

    SourceConnection connection() {
        return SourceConnection.fromSecretsFile(secretsFile(), SECRET);
    }

    Connection jdbc() throws SQLException {
        return source.adminConnection();
    }

    /** Runs the statements in one transaction. */
    void transaction(String... statements) throws SQLException {
        try (var connection = jdbc();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (var sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
