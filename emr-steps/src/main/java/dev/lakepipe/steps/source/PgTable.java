package dev.lakepipe.steps.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A source table: its columns in table order and its primary key, read from the PostgreSQL catalog. */
public record PgTable(String schema, String table, List<PgColumn> columns, List<String> primaryKey)
        implements Serializable {

    private static final String COLUMNS_SQL = """
            SELECT a.attname, t.typname,
                   CASE WHEN t.typname = 'numeric' AND a.atttypmod >= 4 THEN ((a.atttypmod - 4) >> 16) & 65535 ELSE -1 END,
                   CASE WHEN t.typname = 'numeric' AND a.atttypmod >= 4 THEN (a.atttypmod - 4) & 65535 ELSE -1 END,
                   NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String PRIMARY_KEY_SQL = """
            SELECT a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE n.nspname = ? AND c.relname = ? AND i.indisprimary
            ORDER BY k.position""";

    public PgTable {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public static PgTable describe(Connection connection, String schema, String table) {
        try {
            var columns = new ArrayList<PgColumn>();
            try (var statement = connection.prepareStatement(COLUMNS_SQL)) {
                statement.setString(1, schema);
                statement.setString(2, table);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new PgColumn(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getInt(3),
                                rows.getInt(4),
                                rows.getBoolean(5)));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new LakepipeException(
                        "Cannot find source table %s.%s; check step::system::%s.%s and the secret's database",
                        schema, table, schema, table);
            }
            var key = new ArrayList<String>();
            try (var statement = connection.prepareStatement(PRIMARY_KEY_SQL)) {
                statement.setString(1, schema);
                statement.setString(2, table);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        key.add(rows.getString(1));
                    }
                }
            }
            return new PgTable(schema, table, columns, key);
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to describe source table %s.%s: %s", schema, table, e.getMessage());
        }
    }

    public String qualifiedName() {
        return PgIdentifiers.qualified(schema, table);
    }

    public String name() {
        return schema + "." + table;
    }

    public Optional<PgColumn> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }
}
