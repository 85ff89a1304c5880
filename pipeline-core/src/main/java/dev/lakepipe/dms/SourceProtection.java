package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a PostgreSQL source needs so that no event silently diverges the lake ({@code source-protection.sql}, the
 * one definition, for the local provisioning and for RDS by hand): TRUNCATE, which DMS does not replicate, leaves a
 * marker row in {@value #SCHEMA}.{@value #TRUNCATIONS_TABLE}, which DMS captures; a value stored out of line (TOAST)
 * is re-sent by every update, so DMS never writes NULL for an unchanged one.
 */
public final class SourceProtection {

    public static final String SCHEMA = "lakepipe";
    public static final String TRUNCATIONS_TABLE = "truncations";
    /** The marker's columns: the truncated table and when. */
    public static final String TABLE_SCHEMA_COLUMN = "table_schema";

    public static final String TABLE_NAME_COLUMN = "table_name";
    public static final String TRUNCATED_AT_COLUMN = "truncated_at";
    /** The install script, on the classpath; docs/operations.md shows how to run it on RDS. */
    public static final String SCRIPT = "dev/lakepipe/dms/source-protection.sql";

    private static final String UNDEFINED_FUNCTION = "42883";
    private static final String INVALID_SCHEMA = "3F000";

    private SourceProtection() {}

    /** The install script (schema, marker table, functions); idempotent. */
    public static String script() {
        try (var in = SourceProtection.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + SCRIPT, e);
        }
    }

    /** Runs the install script; the connection's role must be able to create a schema. */
    public static void install(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(script());
        }
    }

    /** Protects one table ({@code lakepipe.protect}); the connection's role must own it. Returns what was done. */
    public static String protect(Connection connection, String schema, String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT lakepipe.protect(?::regclass)")) {
            statement.setString(1, qualified(schema, table));
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    /**
     * What {@code schema.table} lacks, one sentence a gap; empty when protected (or not a table). Read-only, any role
     * may run it.
     */
    public static List<String> gaps(Connection connection, String schema, String table) {
        var gaps = new ArrayList<String>();
        try (var statement = connection.prepareStatement("SELECT * FROM lakepipe.gaps(?::regclass)")) {
            statement.setString(1, qualified(schema, table));
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    gaps.add(result.getString(1));
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_FUNCTION.equals(e.getSQLState()) || INVALID_SCHEMA.equals(e.getSQLState())) {
                return List.of("lakepipe's source protection is not installed in this database (no function"
                        + " lakepipe.gaps), so neither a TRUNCATE nor an unchanged TOAST value would reach the lake");
            }
            throw new LakepipeException(
                    e, "Failed to check the source protection of %s.%s: %s", schema, table, e.getMessage());
        }
        return List.copyOf(gaps);
    }

    /** The statements that protect {@code schema.table}, for an error message. */
    public static String fix(String schema, String table) {
        return "run %s once on the source database as its master user, then SELECT lakepipe.protect('%s') as the table's owner"
                .formatted(SCRIPT, qualified(schema, table).replace("'", "''"));
    }

    /** {@code "schema"."table"}, quoted for a regclass cast. */
    static String qualified(String schema, String table) {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        return quote(schema) + "." + quote(table);
    }

    /** {@code "identifier"}, quoted for SQL. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
