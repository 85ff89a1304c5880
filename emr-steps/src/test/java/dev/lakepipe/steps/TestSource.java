package dev.lakepipe.steps;

import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One TPC-C source per test JVM (embedded PostgreSQL 16, one generated warehouse at {@link TpccScale#TINY}: every
 * table and relationship at about 1% of the rows; bench/full-load measures the standard scale), shared by every IT of
 * the module; extra test tables go into the same {@code tpcc} database.
 */
final class TestSource {

    private static TpccSource source;
    private static Path home;

    private TestSource() {}

    static synchronized TpccSource source() {
        if (source == null) {
            try {
                home = Files.createTempDirectory("lakepipe-steps-it");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = TpccSource.builder()
                    .home(home)
                    .durable(false)
                    .scale(TpccScale.TINY)
                    .warehouses(1)
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(TestSource::closeAndDelete));
        }
        return source;
    }

    private static void closeAndDelete() {
        source.close();
        FileTrees.deleteRecursively(home);
    }

    /** The folder holding the source's secrets.json (and postgres/). */
    static Path home() {
        source();
        return home;
    }

    static Connection admin() throws SQLException {
        return source().adminConnection();
    }

    static void execute(String... statements) throws SQLException {
        try (var connection = admin();
                var statement = connection.createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
