package dev.lakepipe.tpcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.source.JdbcConnector;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One embedded server with one standard warehouse, shared by the tests of this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpccSourceIT {

    @TempDir
    static Path home;

    private TpccSource source;

    @BeforeAll
    void startSource() {
        source = TpccSource.builder().home(home).durable(false).warehouses(1).build();
    }

    @AfterAll
    void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void generatesTheTpcCardinalitiesOfOneWarehouse() throws SQLException {
        var report = source.generation().orElseThrow();
        try (var connection = source.adminConnection()) {
            assertThat(counts(connection))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "warehouse",
                            1L,
                            "district",
                            10L,
                            "customer",
                            30_000L,
                            "history",
                            30_000L,
                            "orders",
                            30_000L,
                            "new_order",
                            9_000L,
                            "order_line",
                            scalar(connection, "SELECT sum(o_ol_cnt) FROM orders"),
                            "item",
                            100_000L,
                            "stock",
                            100_000L));
            assertThat(scalar(connection, "SELECT count(*) FROM order_line")).isBetween(280_000L, 320_000L);
            // new_order holds exactly the 900 newest orders of each district, the undelivered ones
            assertThat(
                            scalar(
                                    connection,
                                    "SELECT count(*) FROM new_order JOIN orders ON o_w_id = no_w_id"
                                            + " AND o_d_id = no_d_id AND o_id = no_o_id WHERE o_carrier_id IS NULL AND o_id > 2100"))
                    .isEqualTo(9_000L);
            assertThat(scalar(connection, "SELECT count(*) FROM order_line WHERE ol_delivery_d IS NULL"))
                    .isEqualTo(scalar(connection, "SELECT sum(o_ol_cnt) FROM orders WHERE o_carrier_id IS NULL"));
            assertThat(scalar(connection, "SELECT count(DISTINCT o_c_id) FROM orders"))
                    .isEqualTo(3_000L);
            assertThat(scalar(connection, "SELECT max(d_next_o_id) FROM district"))
                    .isEqualTo(3_001L);
            assertThat(scalar(connection, "SELECT count(*) FROM item WHERE i_data LIKE '%ORIGINAL%'"))
                    .isBetween(9_000L, 11_000L);
        }
        assertThat(report.totalRows())
                .isEqualTo(report.rows().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(report.rows(TpccTable.STOCK)).isEqualTo(100_000L);
        System.out.printf(
                "generated %d rows (1 warehouse) in %d ms%n",
                report.totalRows(), report.duration().toMillis());
    }

    @Test
    void createsTheSchemaExactlyAsHammerDb() throws SQLException {
        try (var connection = source.adminConnection()) {
            var columns = new HashMap<String, List<String>>();
            var sql = "SELECT table_name, column_name, CASE data_type"
                    + " WHEN 'character varying' THEN 'varchar(' || character_maximum_length || ')'"
                    + " WHEN 'character' THEN 'char(' || character_maximum_length || ')'"
                    + " WHEN 'numeric' THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')'"
                    + " WHEN 'timestamp with time zone' THEN 'timestamptz' ELSE data_type END,"
                    + " CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END"
                    + " FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position";
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    columns.computeIfAbsent(result.getString(1), ignored -> new ArrayList<>())
                            .add(result.getString(2) + " " + result.getString(3) + " " + result.getString(4));
                }
            }
            assertThat(columns).isEqualTo(HammerDbSchema.COLUMNS);

            var indexes = new HashMap<String, String>();
            var indexSql = "SELECT i.relname, CASE WHEN x.indisprimary THEN 'PRIMARY KEY' ELSE 'UNIQUE' END || ' ('"
                    + " || (SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY k(att, n)"
                    + " JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.att) || ')'"
                    + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                    + " JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'";
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(indexSql)) {
                while (result.next()) {
                    indexes.put(result.getString(1), result.getString(2));
                }
            }
            assertThat(indexes).isEqualTo(HammerDbSchema.INDEXES);
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM pg_class WHERE relname = 'history'" + " AND relreplident = 'f'"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void sameSeedGivesSameRowsAndAnotherSeedOthers() throws SQLException {
        try (var maintenance = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + source.port() + "/postgres", "postgres", "");
                var statement = maintenance.createStatement()) {
            statement.execute("CREATE DATABASE determinism");
        }
        JdbcConnector connector = () -> DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + source.port() + "/determinism", "postgres", "");
        try (var connection = connector.connect()) {
            TpccSchema.create(connection);
            var first = generateAndChecksum(connection, connector, 7, 4);
            var again = generateAndChecksum(connection, connector, 7, 1);
            var other = generateAndChecksum(connection, connector, 8, 4);
            assertThat(again).isEqualTo(first);
            assertThat(other.get("stock")).isNotEqualTo(first.get("stock"));
            assertThat(other.get("order_line")).isNotEqualTo(first.get("order_line"));
        }
    }

    @Test
    void refusesToGenerateIntoTablesThatHoldRows() {
        var generator = TpccGenerator.builder().scale(TpccScale.TINY).build();
        assertThatThrownBy(() -> generator.generate(source.connector()))
                .isInstanceOf(SourceException.class)
                .hasMessage(
                        "Cannot generate TPC-C data: table public.warehouse is not empty; reset the source first (--reset)");
    }

    @Test
    void writesPrivateSecretsWhoseRolesAuthenticateWithTheirPasswords() throws Exception {
        var file = source.secretsFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        var secrets = new SecretsFile(file).readAll();
        assertThat(secrets).containsOnlyKeys(SecretsFile.SPARK_SECRET, SecretsFile.DMS_SECRET);
        var spark = secrets.get(SecretsFile.SPARK_SECRET);
        assertThat(spark).isEqualTo(source.sparkSecret());
        assertThat(spark.username()).isEqualTo("lakepipe_spark");
        assertThat(spark.toString()).doesNotContain(spark.password());
        assertThat(spark.jdbcUrl()).isEqualTo(source.jdbcUrl() + "?sslmode=disable");

        try (var connection = source.connect(spark);
                var statement = connection.createStatement()) {
            try (var result = statement.executeQuery("SELECT count(*) FROM district")) {
                result.next();
                assertThat(result.getLong(1)).isEqualTo(10L);
            }
            assertThatThrownBy(() -> statement.execute("DELETE FROM district"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for table district");
        }
        var wrongPassword = new DatabaseSecret(
                spark.username(),
                "not-the-password",
                spark.host(),
                spark.port(),
                spark.dbname(),
                spark.engine(),
                spark.sslmode());
        assertThatThrownBy(() -> source.connect(wrongPassword).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (var connection = source.adminConnection()) {
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM pg_roles WHERE rolname = 'lakepipe_dms' AND rolreplication"))
                    .isEqualTo(1L);
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM pg_publication WHERE pubname = 'lakepipe_tpcc' AND puballtables"))
                    .isEqualTo(1L);
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM pg_settings WHERE name = 'wal_level' AND setting = 'logical'"))
                    .isEqualTo(1L);
        }
    }

    private Map<String, String> generateAndChecksum(
            Connection connection, JdbcConnector connector, long seed, int parallelism) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(
                    "TRUNCATE warehouse, district, customer, history, new_order, orders, order_line, item, stock");
        }
        TpccGenerator.builder()
                .scale(TpccScale.TINY)
                .warehouses(2)
                .seed(seed)
                .parallelism(parallelism)
                .build()
                .generate(connector);
        var checksums = new HashMap<String, String>();
        for (var table : TpccTable.values()) {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(
                            "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table.tableName() + " t")) {
                result.next();
                checksums.put(table.tableName(), result.getString(1));
            }
        }
        return checksums;
    }

    static Map<String, Long> counts(Connection connection) {
        var counts = new HashMap<String, Long>();
        for (var table : TpccTable.values()) {
            counts.put(table.tableName(), TpccSchema.rowCount(connection, table));
        }
        return counts;
    }

    static long scalar(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
