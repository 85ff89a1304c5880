package dev.lakepipe.tpcc;

import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.source.JdbcConnector;
import dev.lakepipe.source.LocalSource;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.source.SourceException;
import dev.lakepipe.source.SourceNames;
import dev.lakepipe.source.SourceSchema;
import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A ready TPC-C source: a {@link LocalSource} with the {@code tpcc} database and the TPROC-C tables, and, when
 * asked, generated data. Tests use it as a fixture:
 * <pre>{@code
 * try (var source = TpccSource.builder().home(tempDir).warehouses(1).scale(TpccScale.TINY).build()) {
 *     var url = source.jdbcUrl();           // jdbc:postgresql://localhost:<port>/tpcc
 *     var secret = source.sparkSecret();    // read-only role, password auth
 *     try (var connection = source.adminConnection()) { ... }
 * }
 * }</pre>
 * Closing stops an embedded server and keeps its data directory; a later build on the same home
 * resumes it on the same port (and does not generate again when the tables already hold rows).
 */
public final class TpccSource implements Closeable {

    public static final String DATABASE = "tpcc";
    /** The names of the TPC-C source: publication {@code lakepipe_tpcc}, the secrets of use case tpcc. */
    public static final SourceNames NAMES = SourceNames.of(SecretsFile.NAMES, DATABASE);

    private final LocalSource source;
    private final GenerationReport generation;

    private TpccSource(Builder builder) {
        this.source = builder.source.names(NAMES).schema(new Schema()).build();
        try {
            this.generation = builder.warehouses > 0 && isEmpty() ? generate(builder) : null;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private GenerationReport generate(Builder builder) {
        return builder.generator.warehouses(builder.warehouses).build().generate(this::adminConnection);
    }

    private boolean isEmpty() {
        try (var connection = adminConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM warehouse)")) {
            result.next();
            return !result.getBoolean(1);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to inspect table public.warehouse: %s", e.getMessage());
        }
    }

    /** {@code jdbc:postgresql://<host>:<port>/tpcc}, no credentials. */
    public String jdbcUrl() {
        return source.jdbcUrl();
    }

    public String host() {
        return source.host();
    }

    public int port() {
        return source.port();
    }

    public String database() {
        return DATABASE;
    }

    /** A new superuser connection to the tpcc database (autocommit on); the caller closes it. */
    public Connection adminConnection() throws SQLException {
        return source.adminConnection();
    }

    /** Opens admin connections; hand it to the generator or the workload. */
    public JdbcConnector connector() {
        return source.connector();
    }

    /** A new connection as the given role (password authentication), e.g. {@link #sparkSecret()}. */
    public Connection connect(DatabaseSecret secret) throws SQLException {
        return source.connect(secret);
    }

    /** The read-only role Spark jobs use; also in the secrets file as {@link SecretsFile#SPARK_SECRET}. */
    public DatabaseSecret sparkSecret() {
        return source.sparkSecret();
    }

    /** The REPLICATION role CDC uses; also in the secrets file as {@link SecretsFile#DMS_SECRET}. */
    public DatabaseSecret dmsSecret() {
        return source.dmsSecret();
    }

    /** The publication of all tables created for CDC readers. */
    public String publication() {
        return source.publication();
    }

    public Path secretsFile() {
        return source.secretsFile();
    }

    /** See {@link LocalSource#ownsServer()}. */
    public boolean ownsServer() {
        return source.ownsServer();
    }

    /** The embedded data directory; empty when the source is an existing server. */
    public Optional<Path> dataDirectory() {
        return source.dataDirectory();
    }

    /** What this build generated; empty when it generated nothing (schema only, or data already there). */
    public Optional<GenerationReport> generation() {
        return Optional.ofNullable(generation);
    }

    @Override
    public void close() {
        source.close();
    }

    /** The TPROC-C tables in {@code public}. */
    private static final class Schema implements SourceSchema {
        @Override
        public String name() {
            return TpccTable.SCHEMA;
        }

        @Override
        public void createIfMissing(Connection connection) {
            if (!TpccSchema.exists(connection)) {
                TpccSchema.create(connection);
            }
        }
    }

    /**
     * Options of the source: those of {@link LocalSource.Builder} (home, source URL, port, durability), plus the data
     * to generate with {@link TpccGenerator} (its defaults: {@link TpccScale#STANDARD}, seed 1): none (warehouses 0) by default.
     */
    public static final class Builder {
        private final LocalSource.Builder source = LocalSource.builder();
        private final TpccGenerator.Builder generator = TpccGenerator.builder();
        private int warehouses;

        private Builder() {}

        /** The local state folder ({@code $LAKEPIPE_HOME}). */
        public Builder home(Path home) {
            source.home(home);
            return this;
        }

        /** Use this existing server (admin JDBC URL with user and password) instead of an embedded one. */
        public Builder sourceUrl(String sourceUrl) {
            source.sourceUrl(sourceUrl);
            return this;
        }

        /** The embedded server's port; 0 (default) for any free port. */
        public Builder port(int port) {
            source.port(port);
            return this;
        }

        /** False turns fsync off: faster, for throw-away directories in tests. */
        public Builder durable(boolean durable) {
            source.durable(durable);
            return this;
        }

        /** Generate this many warehouses when the tables are empty; 0 (default) creates the schema only. */
        public Builder warehouses(int warehouses) {
            if (warehouses < 0) {
                throw new IllegalArgumentException("Invalid warehouses: " + warehouses + " (expected 0 or more)");
            }
            this.warehouses = warehouses;
            return this;
        }

        public Builder scale(TpccScale scale) {
            generator.scale(scale);
            return this;
        }

        public Builder seed(long seed) {
            generator.seed(seed);
            return this;
        }

        /** Starts (or connects to) the server and prepares the source. */
        public TpccSource build() {
            return new TpccSource(this);
        }
    }
}
