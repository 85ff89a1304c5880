package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.secrets.DatabaseSecret;
import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * The local RDS and Secrets Manager: a PostgreSQL server (embedded, or an existing one given by URL) with the
 * source database and its tables ({@link SourceSchema}), a read-only Spark role and a replication (DMS) role,
 * a publication of all tables, and the roles' secrets in {@code <home>/secrets.json}.
 * <pre>{@code
 * try (var source = LocalSource.builder().home(tempDir).names(SourceNames.of(new StackNames("shop"), "shop")).schema(SourceSchema.existing("public")).build()) {
 *     var secret = source.dmsSecret();      // REPLICATION role, password auth
 *     try (var connection = source.adminConnection()) { ... }
 * }
 * }</pre>
 * Closing stops an embedded server and keeps its data directory; a later build on the same home resumes it on
 * the same port. When another process already runs the embedded server of this home, the source connects to it
 * and leaves it running on close.
 */
public final class LocalSource implements Closeable {

    private final SourceNames names;
    private final Server server;
    private final AdminAccess admin;
    private final SecretsFile secretsFile;
    private final DatabaseSecret sparkSecret;
    private final DatabaseSecret dmsSecret;

    private LocalSource(Builder builder) {
        this.names = requireNonNull(builder.names, "names is null");
        requireNonNull(builder.schema, "schema is null");
        this.secretsFile = new SecretsFile(builder.secretsFile());
        this.server = server(builder, names.database());
        this.admin = server.admin();
        try {
            var provisioner = new SourceProvisioner(secretsFile, names, builder.schema);
            try (var maintenance = admin.connect(admin.maintenanceDatabase())) {
                var secrets = provisioner.provision(maintenance, this::adminConnection, admin.host(), admin.port());
                this.sparkSecret = secrets.get(names.sparkSecret());
                this.dmsSecret = secrets.get(names.dmsSecret());
            }
        } catch (SQLException | RuntimeException e) {
            close();
            if (e instanceof SourceException sourceException) {
                throw sourceException;
            }
            throw new SourceException(
                    e, "Failed to prepare the source database %s: %s", names.database(), e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The existing server of the URL, else the embedded one another process runs on this home, else a new one. */
    private static Server server(Builder builder, String database) {
        if (builder.sourceUrl != null) {
            return new Existing(AdminAccess.parse(builder.sourceUrl, database));
        }
        var directory = builder.dataDirectory().toAbsolutePath();
        var runningPort = EmbeddedPostgresServer.runningPort(builder.dataDirectory());
        if (runningPort.isPresent()) {
            return new Attached(AdminAccess.local(runningPort.getAsInt()), directory);
        }
        var started = startServer(builder);
        return new Started(started, AdminAccess.local(started.port()), directory);
    }

    /** Starts the embedded server on the requested port, else the one it used last time, else any free one. */
    private static EmbeddedPostgresServer startServer(Builder builder) {
        var portFile = new PortFile(builder.home.resolve("postgres.port"));
        int port = builder.port != 0 ? builder.port : portFile.read().orElse(0);
        var started = EmbeddedPostgresServer.start(builder.dataDirectory(), port, builder.durable);
        portFile.write(started.port());
        return started;
    }

    /** {@code jdbc:postgresql://<host>:<port>/<database>}, no credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + admin.host() + ":" + admin.port() + "/" + names.database();
    }

    public String host() {
        return admin.host();
    }

    public int port() {
        return admin.port();
    }

    public String database() {
        return names.database();
    }

    /** A new superuser connection to the source database (autocommit on); the caller closes it. */
    public Connection adminConnection() throws SQLException {
        return admin.connect(names.database());
    }

    /** Opens admin connections; hand it to a generator or a workload. */
    public JdbcConnector connector() {
        return this::adminConnection;
    }

    /** A new connection as the given role (password authentication), e.g. {@link #sparkSecret()}. */
    public Connection connect(DatabaseSecret secret) throws SQLException {
        return DriverManager.getConnection(secret.jdbcUrl(), secret.username(), secret.password());
    }

    /** The read-only role Spark jobs use; also in the secrets file under {@link SourceNames#sparkSecret()}. */
    public DatabaseSecret sparkSecret() {
        return sparkSecret;
    }

    /** The REPLICATION role CDC uses; also in the secrets file under {@link SourceNames#dmsSecret()}. */
    public DatabaseSecret dmsSecret() {
        return dmsSecret;
    }

    /** The publication of all tables created for CDC readers. */
    public String publication() {
        return names.publication();
    }

    public Path secretsFile() {
        return secretsFile.path();
    }

    /**
     * True when this source started the embedded server and stops it on close; false when it
     * uses an existing server or an embedded one another process (e.g. {@code lakepipe source start}) runs.
     */
    public boolean ownsServer() {
        return server instanceof Started;
    }

    /** The embedded data directory; empty when the source is an existing server. */
    public Optional<Path> dataDirectory() {
        return server.dataDirectory();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Where the source runs; only a server this source started is stopped on close. */
    private sealed interface Server {
        AdminAccess admin();

        default Optional<Path> dataDirectory() {
            return Optional.empty();
        }

        default void close() {}
    }

    /** An existing server, given by its admin URL. */
    private record Existing(AdminAccess admin) implements Server {}

    /** The embedded server of this home, run by another process (e.g. {@code lakepipe source start}). */
    private record Attached(AdminAccess admin, Path directory) implements Server {
        @Override
        public Optional<Path> dataDirectory() {
            return Optional.of(directory);
        }
    }

    /** The embedded server this source started. */
    private record Started(EmbeddedPostgresServer server, AdminAccess admin, Path directory) implements Server {
        @Override
        public Optional<Path> dataDirectory() {
            return Optional.of(directory);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The superuser side of the source: where it is and how to connect as admin. */
    private record AdminAccess(String host, int port, String maintenanceDatabase, Properties credentials) {

        static AdminAccess local(int port) {
            var credentials = new Properties();
            credentials.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
            return new AdminAccess("localhost", port, "postgres", credentials);
        }

        static AdminAccess parse(String url, String sourceDatabase) {
            var parsed = Driver.parseURL(url, new Properties());
            if (parsed == null) {
                throw new SourceException(
                        "Invalid source URL: %s (expected jdbc:postgresql://host:port/database"
                                + "?user=...&password=..., a superuser or a role with CREATEDB and CREATEROLE)",
                        redact(url));
            }
            var credentials = new Properties();
            for (var key : parsed.stringPropertyNames()) {
                if (!key.equals(PGProperty.PG_HOST.getName())
                        && !key.equals(PGProperty.PG_PORT.getName())
                        && !key.equals(PGProperty.PG_DBNAME.getName())) {
                    credentials.setProperty(key, parsed.getProperty(key));
                }
            }
            var host = parsed.getProperty(PGProperty.PG_HOST.getName()).split(",")[0];
            var port = Integer.parseInt(
                    parsed.getProperty(PGProperty.PG_PORT.getName()).split(",")[0]);
            var database = parsed.getProperty(PGProperty.PG_DBNAME.getName());
            return new AdminAccess(host, port, database.equals(sourceDatabase) ? "postgres" : database, credentials);
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, credentials);
        }
    }

    /** Drops anything after '?' (where a password may be) for messages. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /**
     * Options of the source. Defaults: home {@code .lakepipe} (data in {@code <home>/postgres}, secrets in
     * {@code <home>/secrets.json}); embedded server on any free port, durable (fsync on). Names and schema are required.
     */
    public static final class Builder {
        private Path home = Path.of(".lakepipe");
        private String sourceUrl;
        private int port;
        private boolean durable = true;
        private SourceNames names;
        private SourceSchema schema;

        private Builder() {}

        /** The local state folder ({@code $LAKEPIPE_HOME}). */
        public Builder home(Path home) {
            this.home = requireNonNull(home, "home is null");
            return this;
        }

        /** Use this existing server (admin JDBC URL with user and password) instead of an embedded one. */
        public Builder sourceUrl(String sourceUrl) {
            this.sourceUrl = sourceUrl;
            return this;
        }

        /** The embedded server's port; 0 (default) for any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** False turns fsync off: faster, for throw-away directories in tests. */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        public Builder names(SourceNames names) {
            this.names = requireNonNull(names, "names is null");
            return this;
        }

        public Builder schema(SourceSchema schema) {
            this.schema = requireNonNull(schema, "schema is null");
            return this;
        }

        Path dataDirectory() {
            return home.resolve("postgres");
        }

        Path secretsFile() {
            return home.resolve("secrets.json");
        }

        /** Starts (or connects to) the server and prepares the source. */
        public LocalSource build() {
            return new LocalSource(this);
        }
    }
}
