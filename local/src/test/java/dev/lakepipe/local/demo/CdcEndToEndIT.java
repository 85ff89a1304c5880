package dev.lakepipe.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.cli.LakepipeCli;
import dev.lakepipe.local.emr.LocalStepRunner;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.sqlclient.SqlClientException;
import dev.lakepipe.sqlclient.TrinoQuery;
import dev.lakepipe.sqlclient.TrinoServerState;
import dev.lakepipe.sqlclient.TrinoSession;
import dev.lakepipe.sqlclient.WarmQuery;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.TransactionType;
import dev.lakepipe.util.FileTrees;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The main job end to end with every real part, as {@code make demo} runs it: the DMS emulator captures from before the
 * load, a TPC-C workload commits inserts, updates and deletes while the launcher and the state machine run jdbc_load and
 * seed_hudi for all nine tables (tpcc.json's shape: the four large tables a step JVM each, the five small ones one
 * step group's JVM, so both kinds of step run here), then the launcher runs incremental_hudi, which applies every change
 * file and chains the consumption (gold) pipeline, and the planner's verify step compares source and silver; at the end
 * {@code lakepipe verify} does the same for one table, in-process. Then, on the same lake, Trino (the local Athena)
 * reads every table as the source has it, and each {@link PlantedDefect} makes that check fail
 * ({@link TrinoConsumerCheck}, one Trino server for the class); {@code lakepipe sql}'s warm path queries that server,
 * and the last test stops it under a running query.
 * The workload starts with the load and runs for {@link #WORKLOAD}, about as long as the jdbc_load phase, so changes
 * commit before, during and after the tables' exported snapshots.
 * The test's configs are tpcc.json with the load chain stopped at seed_hudi: the one incremental_hudi run after the
 * capture applies what the chained run would have applied too (PipelineOrchestrationIT covers that chain link), and it
 * saves nine step JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcEndToEndIT {

    private static final Duration WORKLOAD = Duration.ofSeconds(25);
    private static final double RATE = 20;
    /** Every table TPC-C changes; {@code item} is read-only. */
    private static final List<String> CHANGED_TABLES =
            List.of("warehouse", "district", "customer", "history", "new_order", "orders", "order_line", "stock");

    private static final List<String> ALL_TABLES = List.of(
            "warehouse", "district", "customer", "history", "new_order", "orders", "order_line", "stock", "item");
    /** Several, so the partitioned tables (order_line, stock) have several partitions. */
    private static final int WAREHOUSES = 2;
    /** The load chain ends here; the demo's CDC phase starts incremental_hudi itself. */
    private static final Set<String> CHAIN_END = Set.of("pipeline::system::seed_hudi");

    /** One lake for the class: the Trino tests read what the first test built. */
    @TempDir
    static Path home;

    private boolean lakeBuilt;
    private TpccSource source;
    private TrinoConsumerCheck trino;

    @Test
    @Order(1)
    void lakeEqualsSourceAfterCdcUnderLiveLoad() throws IOException {
        var log = new StringWriter();
        var progress = new PrintWriter(log, true);
        var process = SparkStepProcess.local();
        var load = new OrchestratedLoad(home, Path.of("..", "state-machines"), configs(), process, progress);
        var demo = new FullLoadDemo(home, new LocalStepRunner(process, home.resolve("logs")), load, progress)
                .withCdc(RATE, WORKLOAD);

        var report = demo.run(TpccSource.builder().durable(false).scale(TpccScale.TINY), WAREHOUSES);

        assertThat(report.verified()).as(log.toString()).isTrue();
        assertThat(report.verifyOutput()).contains("verify: all 9 tables equal");
        assertThat(report.tables())
                .hasSize(9)
                .extracting(FullLoadDemo.TableLoad::table, FullLoadDemo.TableLoad::rows)
                .as("TPC-C changes no row count of these")
                .contains(tuple("public.warehouse", 2L), tuple("public.district", 20L));
        assertThat(report.goldOutput())
                .as("the consumption pipeline chained after the CDC apply")
                .contains("denormalize_order_line");
        var workload = report.workload().orElseThrow();
        assertThat(workload.committed(TransactionType.NEW_ORDER))
                .as("New-Orders insert orders, new_order, order_line")
                .isPositive();
        assertThat(workload.committed(TransactionType.PAYMENT))
                .as("Payments insert history, update customer")
                .isPositive();
        assertThat(workload.committed(TransactionType.DELIVERY))
                .as("Deliveries delete new_order rows")
                .isPositive();
        for (var table : CHANGED_TABLES) {
            assertThat(changeFiles(table))
                    .as("DMS change files of public.%s", table)
                    .isPositive();
        }
        verifiesOneTableThroughTheCli();
        lakeBuilt = true;
    }

    @Test
    @Order(2)
    void trinoReadsEveryTableAsTheSourceHasIt() throws SQLException {
        try (var connection = source()) {
            for (var table : ALL_TABLES) {
                trino().readsAsTheSourceHasIt(connection, table);
            }
            trino().goldHasOneRowPerOrderLine(connection);
            queriesGoldThroughTheCli(connection);
        }
        trino().refusesWrites();
    }

    /** {@code lakepipe sql}, in-process, reads the gold table by its Glue name on the Trino server the check started. */
    private void queriesGoldThroughTheCli(Connection source) throws SQLException {
        long lines;
        try (var statement = source.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM public.order_line")) {
            rows.next();
            lines = rows.getLong(1);
        }
        var out = new StringWriter();
        var cli = LakepipeCli.newCommandLine().setOut(new PrintWriter(out, true));
        var exit = cli.execute(
                "sql",
                "--home",
                home.toString(),
                "--format",
                "csv",
                "select count(*) as lines from tpcc_lake.tpcc_order_line_denormalized");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).isEqualTo("lines\n" + lines + "\n");
    }

    /**
     * {@code lakepipe sql}'s warm path ({@link WarmQuery}, in-process, as {@code bin/lakepipe} runs it first) on the
     * server the check started: values print as Trino's JDBC driver reads them, a write is refused by the server's
     * read-only access control, and a bad statement fails with Trino's reason.
     */
    @Test
    @Order(2)
    void warmQueriesPrintAsTheJdbcDriverReadsAndWriteNothing() throws Exception {
        assumeTrue(lakeBuilt, "the lake of lakeEqualsSourceAfterCdcUnderLiveLoad");
        var query = "SELECT o_id, o_entry_d, o_all_local, o_carrier_id, CAST(o_id AS double) / 7 AS ratio,"
                + " ARRAY[o_id, NULL] AS ids, CAST(ROW(o_id, o_c_id) AS ROW(o integer, c integer)) AS pair,"
                + " to_utf8(CAST(o_id AS varchar)) AS raw, _hoodie_is_deleted FROM tpcc_public_orders"
                + " ORDER BY o_w_id, o_d_id, o_id LIMIT 20";
        var expected = trino().jdbcRows(query);

        var warm = warmQuery("--format", "json", "--limit", "0", query);

        assertThat(warm.exit()).as(warm.err()).isZero();
        var printed = warm.out()
                .lines()
                .map(line -> Json.MAPPER.convertValue(readTree(line), new TypeReference<Map<String, String>>() {}))
                .toList();
        assertThat(printed).hasSize(20).isEqualTo(expected);

        var table = TrinoConsumerCheck.silverTable("district");
        var drop = warmQuery("DROP TABLE " + table);
        assertThat(drop.exit()).isEqualTo(1);
        assertThat(drop.err())
                .contains("Access Denied: Cannot drop table awsdatacatalog.tpcc_lake." + table)
                .contains("lakepipe sql only reads the lake's tables");
        var insert = warmQuery("INSERT INTO " + table + " SELECT * FROM " + table);
        assertThat(insert.exit()).isEqualTo(1);
        assertThat(insert.err()).contains("Access Denied: Cannot insert into table");
        assertThat(warmQuery("--format", "csv", "SELECT count(*) AS districts FROM " + table))
                .isEqualTo(new Run(0, "districts\n20\n", ""));

        var typo = warmQuery("SELEC 1");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err())
                .startsWith("Error: Query failed: Query failed (#")
                .contains("mismatched input 'SELEC'");
        var unknown = warmQuery("SELECT * FROM tpcc_public_nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("'SHOW TABLES' lists the tables the lake's catalog has");

        var limited = warmQuery("--format", "csv", "--limit", "2", "SELECT ol_o_id FROM tpcc_public_order_line");
        assertThat(limited.out().lines()).hasSize(3);
        assertThat(limited.err()).startsWith("(first 2 rows shown; more rows match");
        assertThat(warmQuery("--engine", "spark", "SELECT 1").exit()).isEqualTo(WarmQuery.FULL_CLI);

        var snapshot = registerAsMergeOnReadSnapshot(table);
        Run rt;
        try {
            rt = warmQuery("--format", "csv", "SELECT count(*) AS districts FROM " + snapshot);
        } finally {
            FileTrees.deleteRecursively(
                    home.resolve("catalog").resolve(TrinoConsumerCheck.DATABASE).resolve(snapshot));
        }
        assertThat(rt.out()).as(rt.err()).isEqualTo("districts\n20\n");
        assertThat(rt.err())
                .as("Trino reads a merge-on-read snapshot as read-optimized: the warning says so")
                .startsWith("warning: tpcc_lake." + snapshot + " is the snapshot table (_rt) of a merge-on-read table,"
                        + " and Trino 476 reads it as read-optimized")
                .contains("run the query with --engine spark");
    }

    /**
     * {@code table}'s registration copied under {@code <table>_rt} with Hudi's realtime input format, as the metastore
     * registers a merge-on-read table's snapshot (TrinoMetastore, GlueTable); returns its name.
     */
    private static String registerAsMergeOnReadSnapshot(String table) throws IOException {
        var database = home.resolve("catalog").resolve(TrinoConsumerCheck.DATABASE);
        var snapshot = table + "_rt";
        try (Stream<Path> files = Files.walk(database.resolve(table))) {
            for (var entry : files.filter(file -> file.getFileName().toString().equals(".trinoSchema"))
                    .toList()) {
                var copy = database.resolve(snapshot)
                        .resolve(database.resolve(table).relativize(entry));
                Files.createDirectories(copy.getParent());
                Files.writeString(
                        copy,
                        Files.readString(entry)
                                .replace(
                                        "org.apache.hudi.hadoop.HoodieParquetInputFormat",
                                        "org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat"));
            }
        }
        return snapshot;
    }

    @ParameterizedTest
    @EnumSource(PlantedDefect.class)
    @Order(3)
    void trinoCheckFailsOn(PlantedDefect defect) throws Exception {
        try (var connection = source()) {
            try (var planted = defect.plant(home.resolve("catalog"), trino())) {
                assertThatThrownBy(() -> trino().readsAsTheSourceHasIt(connection, PlantedDefect.TABLE))
                        .as("the consumer check with %s planted", defect)
                        .isInstanceOf(AssertionError.class);
            }
            trino().readsAsTheSourceHasIt(connection, PlantedDefect.TABLE);
        }
    }

    /** Last: it stops the class's server. A query whose server stops says what to do; the next run is the CLI's. */
    @Test
    @Order(4)
    void aQueryWhoseServerStopsSaysToRunItAgain() throws SQLException {
        assumeTrue(lakeBuilt, "the lake of lakeEqualsSourceAfterCdcUnderLiveLoad");
        trino();
        var server = TrinoServerState.of(home);
        var session = TrinoSession.local(
                server.running().orElseThrow(), Optional.of(TrinoConsumerCheck.DATABASE), server.log());
        var query = TrinoQuery.submit(session, "SELECT count(*) FROM " + TrinoConsumerCheck.silverTable("order_line"));

        trino.close();
        trino = null;

        assertThatThrownBy(() -> query.rows().hasNext())
                .isInstanceOf(SqlClientException.class)
                .hasMessageStartingWith("Trino at " + session.server() + " stopped answering:")
                .hasMessageContaining("run the command again: lakepipe sql starts a new server")
                .hasMessageEndingWith("(the server's log: " + server.log() + ")");
        assertThat(warmQuery("SELECT 1").exit())
                .as("no server runs: the full CLI starts one")
                .isEqualTo(WarmQuery.FULL_CLI);
    }

    @AfterAll
    void stopTrinoAndSource() throws SQLException {
        try (var closeSource = source) {
            if (trino != null) {
                trino.close();
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    /** {@code lakepipe sql <args>} on the warm path, in-process, on this class's state folder. */
    private Run warmQuery(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        var exit = WarmQuery.run(all, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode readTree(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not a JSON line: " + line, e);
        }
    }

    /** A connection to the source the demo left, started again once. */
    private Connection source() throws SQLException {
        assumeTrue(lakeBuilt, "the lake of lakeEqualsSourceAfterCdcUnderLiveLoad");
        if (source == null) {
            source = TpccSource.builder().home(home).durable(false).build();
        }
        return source.adminConnection();
    }

    private TrinoConsumerCheck trino() {
        if (trino == null) {
            trino = new TrinoConsumerCheck(home);
        }
        return trino;
    }

    /** {@code lakepipe verify --table}, in-process, on the lake the demo left: the CLI finds the snapshot and launches the step. */
    private void verifiesOneTableThroughTheCli() {
        try (var source = TpccSource.builder().home(home).durable(false).build()) {
            System.setProperty("lakepipe.home", home.toString());
            var out = new StringWriter();
            var cli = LakepipeCli.newCommandLine().setOut(new PrintWriter(out, true));
            var exit = cli.execute("verify", "--identifier", "tpcc", "--table", "public.district");
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("public.district", "equal", "verify: all 1 tables equal");
        } finally {
            System.clearProperty("lakepipe.home");
        }
    }

    /** tpcc.json, with the chain stopped after the load ({@link #CHAIN_END}). */
    private Path configs() throws IOException {
        var items = Json.MAPPER
                .readTree(Path.of("..", "pipeline-configs", "tpcc.json").toFile())
                .deepCopy();
        items.forEach(item -> {
            if (CHAIN_END.contains(item.path("config").asText())) {
                ((ObjectNode) item).remove("next_pipeline");
            }
        });
        var configs = home.resolve("configs.json");
        Files.writeString(configs, Json.MAPPER.writeValueAsString(items));
        return configs;
    }

    private long changeFiles(String table) {
        var folder = home.resolve("s3/lakepipe-bronze/incremental/tpcc/public").resolve(table);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
