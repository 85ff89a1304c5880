package dev.lakepipe.local.demo;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.local.trino.TrinoInstall;
import dev.lakepipe.local.trino.TrinoServer;
import dev.lakepipe.sqlclient.TrinoServerState;
import dev.lakepipe.steps.source.PgTable;
import dev.lakepipe.steps.verify.CanonicalSql;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What an Athena user reads, checked on Trino (Athena engine v3) through the metastore the pipelines wrote: a silver
 * table has the source's row count and verify's order-insensitive checksum of the source rows ({@link CanonicalSql},
 * the definition verify compares source and silver with, rendered in Trino's SQL), one row per record key and no row
 * flagged deleted; nothing a reader sees is filtered first, as Athena filters nothing. Timestamps compare at
 * microseconds, the source's precision. One server for the check's life, stopped by {@link #close()} and at JVM exit.
 */
final class TrinoConsumerCheck implements AutoCloseable {

    static final String DATABASE = "tpcc_lake";
    private static final String SOURCE_SCHEMA = "public";

    private final TrinoServer server;
    private final Thread stopAtExit;
    private final Connection trino;

    TrinoConsumerCheck(Path home) {
        server = server(home);
        stopAtExit = new Thread(server::stop, "stop-trino");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        startAsTwoCommandsAtOnce(home);
        trino = server.connect(Optional.of(DATABASE));
    }

    private static TrinoServer server(Path home) {
        return new TrinoServer(home, home.resolve("catalog"), TrinoInstall.resolved());
    }

    /**
     * Two {@code lakepipe sql} commands that find no server start one between them, and the port on file is the one it
     * listens on (each used to write its own port into the config, and the loser's stayed on file).
     */
    private static void startAsTwoCommandsAtOnce(Path home) {
        var first = CompletableFuture.supplyAsync(() -> server(home).port());
        var second = CompletableFuture.supplyAsync(() -> server(home).port());
        var port = first.join();
        assertThat(second.join()).isEqualTo(port);
        assertThat(TrinoServerState.of(home).running()).contains(port);
    }

    /** The Glue name of the silver table of source table {@code public.<table>} (tpcc.json's prefix). */
    static String silverTable(String table) {
        return "tpcc_" + SOURCE_SCHEMA + "_" + table;
    }

    /**
     * Fails unless Trino reads the silver table of {@code public.<table>} as the source has it: row count and checksum
     * equal to verify's source side, every record key once, no row flagged deleted.
     */
    void readsAsTheSourceHasIt(Connection source, String table) throws SQLException {
        var relation = silverTable(table);
        try (var statement = source.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        var pgTable = PgTable.describe(source, SOURCE_SCHEMA, table);
        var sql = new CanonicalSql(pgTable);
        // tpcc.json keys a table without a primary key by all its columns (key_strategy all_columns), as verify reads
        // it.
        var expected = CanonicalSql.checksum(
                source,
                sql.postgresChecksumQuery(sql.postgresRows(pgTable.primaryKey().isEmpty())));
        var read = read(relation, () -> CanonicalSql.checksum(trino, sql.trinoChecksumQuery(relation)));
        var keys = read(
                relation,
                () -> row(
                        trino,
                        "SELECT count(DISTINCT _hoodie_record_key), count_if(_hoodie_is_deleted) FROM " + relation));
        assertThat(read)
                .as(
                        "%s.%s on Trino (rows, sum and xor of the row hashes) against verify's source side of %s.%s",
                        DATABASE, relation, SOURCE_SCHEMA, table)
                .isEqualTo(expected);
        assertThat(keys)
                .as("%s.%s on Trino: distinct record keys, rows flagged deleted", DATABASE, relation)
                .containsExactly(read.rows(), 0L);
    }

    /** Fails unless the gold table has one row per source order line, each once. */
    void goldHasOneRowPerOrderLine(Connection source) throws SQLException {
        var gold = "tpcc_order_line_denormalized";
        var lines = row(source, "SELECT count(*) FROM public.order_line").get(0);
        var read = read(gold, () -> row(trino, "SELECT count(*), count(DISTINCT _hoodie_record_key) FROM " + gold));
        assertThat(read)
                .as("%s.%s on Trino: rows, distinct record keys", DATABASE, gold)
                .containsExactly(lines, lines);
    }

    /** Fails unless every write statement is refused and the table is unchanged. */
    void refusesWrites() throws SQLException {
        var table = silverTable("district");
        var before = row(trino, "SELECT count(*) FROM " + table);
        for (var write : List.of(
                "DROP TABLE " + table, "DELETE FROM " + table, "INSERT INTO " + table + " SELECT * FROM " + table)) {
            assertThatThrownBy(() -> row(trino, write))
                    .as(write)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access Denied");
        }
        assertThat(row(trino, "SELECT count(*) FROM " + table)).isEqualTo(before);
    }

    /** The local file Trino reads for a row of the silver {@code table} that matches {@code where}. */
    Path fileOf(String table, String where) {
        try {
            var rows = strings("SELECT \"$path\" FROM " + silverTable(table) + " WHERE " + where + " LIMIT 1");
            assertThat(rows)
                    .as("a file of %s with a row where %s", table, where)
                    .hasSize(1);
            // Trino names a local file local:/<absolute path>.
            return Path.of(URI.create("file://" + rows.get(0).substring("local:".length())));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The highest {@code ol_w_id} of the silver {@code table}: its last partition. */
    long lastWarehouse(String table) {
        try {
            return row(trino, "SELECT max(ol_w_id) FROM " + silverTable(table)).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of {@code sql} as Trino's JDBC driver reads them ({@code getString}): column label to value. */
    List<Map<String, String>> jdbcRows(String sql) throws SQLException {
        try (var statement = trino.createStatement();
                var result = statement.executeQuery(sql)) {
            var meta = result.getMetaData();
            var rows = new ArrayList<Map<String, String>>();
            while (result.next()) {
                var row = new LinkedHashMap<String, String>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            trino.close();
        } finally {
            server.stop();
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        }
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    /** A read of {@code relation}; a table Trino cannot read fails the check, naming it and Trino's reason. */
    private static <T> T read(String relation, Read<T> read) {
        try {
            return read.get();
        } catch (SQLException e) {
            throw new AssertionError("Trino cannot read " + DATABASE + "." + relation + ": " + e.getMessage(), e);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (var statement = trino.createStatement();
                var result = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    private static List<Long> row(Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            var values = new ArrayList<Long>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                values.add(result.getLong(i));
            }
            return values;
        }
    }
}
