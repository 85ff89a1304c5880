package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.dms.SourceProtection;
import dev.lakepipe.secrets.DatabaseSecret;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Makes a PostgreSQL server a lakepipe source: the database with its tables ({@link SourceSchema}), each
 * protected ({@link SourceProtection}), a read-only Spark role, a replication role for DMS, a publication of all tables, and the roles'
 * secrets in the local secrets file. Idempotent: on a resumed server it keeps the passwords
 * already in the secrets file.
 */
final class SourceProvisioner {

    static final String SPARK_USER = "lakepipe_spark";
    static final String DMS_USER = "lakepipe_dms";

    private static final long PROVISIONING_LOCK = 0x6c616b6570697065L;
    private static final char[] PASSWORD_CHARACTERS =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsFile secrets;
    private final SourceNames names;
    private final String database;
    private final SourceSchema schema;

    SourceProvisioner(SecretsFile secrets, SourceNames names, SourceSchema schema) {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.names = requireNonNull(names, "names is null");
        this.database = names.database();
        this.schema = requireNonNull(schema, "schema is null");
    }

    /**
     * @param maintenance a superuser (or CREATEDB + CREATEROLE) connection to any other database
     * @param connectToDatabase opens such a connection to the source database once it exists
     */
    Map<String, DatabaseSecret> provision(
            Connection maintenance, JdbcConnector connectToDatabase, String host, int port) {
        try {
            // Two processes may attach to one new server at once (start, then status right away).
            lock(maintenance, "pg_advisory_lock");
            createDatabase(maintenance);
            var existing = secrets.readAll();
            var spark = secret(existing, names.sparkSecret(), SPARK_USER, host, port);
            var dms = secret(existing, names.dmsSecret(), DMS_USER, host, port);
            upsertRole(maintenance, spark, "");
            upsertRole(maintenance, dms, " REPLICATION");
            try (var connection = connectToDatabase.connect()) {
                schema.createIfMissing(connection);
                protectTables(connection);
                grantRead(connection, SPARK_USER);
                grantRead(connection, DMS_USER);
                createPublication(connection);
            }
            var written = Map.of(names.sparkSecret(), spark, names.dmsSecret(), dms);
            secrets.write(written);
            lock(maintenance, "pg_advisory_unlock");
            return written;
        } catch (SQLException e) {
            throw new SourceException(
                    e, "Failed to provision source database %s on %s:%d: %s", database, host, port, e.getMessage());
        }
    }

    /** A session-level advisory lock (released with the connection at the latest). */
    private static void lock(Connection maintenance, String function) throws SQLException {
        try (var statement = maintenance.createStatement()) {
            statement.execute("SELECT " + function + "(" + PROVISIONING_LOCK + ")");
        }
    }

    private void createDatabase(Connection maintenance) throws SQLException {
        try (var statement = maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (var result = statement.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
        }
        try (var statement = maintenance.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private DatabaseSecret secret(
            Map<String, DatabaseSecret> existing, String name, String user, String host, int port) {
        var previous = existing.get(name);
        boolean reusable = previous != null
                && previous.username().equals(user)
                && previous.password().matches("[A-Za-z0-9]{16,}");
        var password = reusable ? previous.password() : newPassword();
        return new DatabaseSecret(user, password, host, port, database, "postgres", "disable");
    }

    private static void upsertRole(Connection maintenance, DatabaseSecret secret, String attributes)
            throws SQLException {
        boolean exists;
        try (var statement = maintenance.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, secret.username());
            try (var result = statement.executeQuery()) {
                exists = result.next();
            }
        }
        // The password alphabet has no quote or backslash, so the literal is safe.
        var clause = " LOGIN" + attributes + " PASSWORD '" + secret.password() + "'";
        try (var statement = maintenance.createStatement()) {
            statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + secret.username() + clause);
        }
    }

    /**
     * The source protection ({@link SourceProtection}) for every table of the schema not protected before; tables made
     * later protect themselves. A table protected once is left alone, as on RDS: a trigger someone disabled stays
     * disabled, and jdbc_load and {@code lakepipe source check} say so.
     */
    private void protectTables(Connection connection) throws SQLException {
        SourceProtection.install(connection);
        var tables = new ArrayList<String>();
        try (var statement = connection.prepareStatement(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_trigger t"
                        + " WHERE t.tgrelid = c.oid AND t.tgname = 'lakepipe_truncate') ORDER BY c.relname")) {
            statement.setString(1, schema.name());
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        for (var table : tables) {
            SourceProtection.protect(connection, schema.name(), table);
        }
    }

    private void grantRead(Connection connection, String user) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("GRANT CONNECT ON DATABASE " + database + " TO " + user);
            statement.execute("GRANT USAGE ON SCHEMA " + schema.name() + " TO " + user);
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema.name() + " TO " + user);
            statement.execute(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema.name() + " GRANT SELECT ON TABLES TO " + user);
        }
    }

    private void createPublication(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(
                        "SELECT 1 FROM pg_publication WHERE pubname = '" + names.publication() + "'")) {
            if (result.next()) {
                return;
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE PUBLICATION " + names.publication() + " FOR ALL TABLES");
        }
    }

    static String newPassword() {
        var password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_CHARACTERS[RANDOM.nextInt(PASSWORD_CHARACTERS.length)];
        }
        return new String(password);
    }
}
