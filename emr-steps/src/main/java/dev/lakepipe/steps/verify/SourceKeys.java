package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.PgConnections;
import dev.lakepipe.steps.verify.KeyRecheck.SourceImage;
import dev.lakepipe.steps.verify.KeyRecheck.SourceRead;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Reads some keys at the source under one snapshot, by key ({@link CanonicalSql#postgresRowsByKeyQuery}). */
final class SourceKeys {

    /** Keys per query: each query's arrays stay small. */
    private static final int CHUNK = 1_000;

    private final DatabaseSecret secret;
    private final CanonicalSql sql;
    private final List<String> recordKeys;

    SourceKeys(DatabaseSecret secret, CanonicalSql sql, List<String> recordKeys) {
        this.secret = requireNonNull(secret, "secret is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.recordKeys = List.copyOf(recordKeys);
    }

    /**
     * The keys' rows under one snapshot; {@code readBy} is the server's clock after the reads, so every change the
     * snapshot shows committed before it.
     */
    SourceRead read(List<DifferingKey> keys) {
        try (var connection = PgConnections.repeatableReadOnly(secret)) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'UTC'");
            }
            var query = sql.postgresRowsByKeyQuery(recordKeys, commitTimes(connection));
            var versions = new HashMap<String, TreeSet<String>>();
            var hashes = new HashMap<String, Long>();
            var committed = new HashMap<String, Optional<OffsetDateTime>>();
            for (int from = 0; from < keys.size(); from += CHUNK) {
                var chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
                try (var statement = connection.prepareStatement(query)) {
                    int indexed = sql.indexedKeys(recordKeys).size();
                    for (int i = 0; i < indexed; i++) {
                        int column = i;
                        statement.setArray(
                                column + 1,
                                textArray(
                                        connection,
                                        chunk.stream()
                                                .map(key -> key.indexedValues().get(column))
                                                .distinct()
                                                .toList()));
                    }
                    statement.setArray(
                            indexed + 1,
                            textArray(
                                    connection,
                                    chunk.stream().map(DifferingKey::key).toList()));
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            var key = rows.getString(1);
                            hashes.put(key, rows.getLong(2));
                            versions.computeIfAbsent(key, ignored -> new TreeSet<>())
                                    .add(rows.getString(3));
                            // Several rows of a key (a table keyed by all columns): the newest commit stands for all.
                            var time = Optional.ofNullable(rows.getObject(4, OffsetDateTime.class));
                            committed.merge(key, time, SourceKeys::newest);
                        }
                    }
                }
            }
            var readBy = clock(connection);
            var images = new HashMap<String, SourceImage>();
            hashes.forEach((key, hash) -> images.put(
                    key,
                    new SourceImage(
                            hash,
                            String.join(",", versions.get(key)),
                            committed.get(key).map(OffsetDateTime::toInstant))));
            connection.rollback();
            return new SourceRead(readBy.toInstant(), images);
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to read %d keys of %s at the source: %s", keys.size(), sql.tableName(), e.getMessage());
        }
    }

    /** The later of two commit times; unknown when either is. */
    private static Optional<OffsetDateTime> newest(Optional<OffsetDateTime> left, Optional<OffsetDateTime> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return left.get().isAfter(right.get()) ? left : right;
    }

    private static boolean commitTimes(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT current_setting('track_commit_timestamp') = 'on'")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static OffsetDateTime clock(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT clock_timestamp()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        }
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }
}
