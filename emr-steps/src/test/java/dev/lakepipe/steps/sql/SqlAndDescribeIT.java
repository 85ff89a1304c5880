package dev.lakepipe.steps.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.config.FileSizing;
import dev.lakepipe.steps.apply.DmsFixture;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.describe.TableDescribeMain;
import dev.lakepipe.steps.hudi.HudiWriteOptions;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakepipe sql} and {@code lakepipe tables describe}, their Spark side, over one seeded table clustered after its
 * second commit: formats, limit, time travel, incremental reads (clustering does not show as a change), errors, file facts,
 * lag behind the newest captured change.
 */
class SqlAndDescribeIT {

    private static final String ORDERS = "select o_id, o_amount, o_note from tpcc_public_orders order by o_id";

    @TempDir
    static Path home;

    private static SparkSession spark;
    private static SeededLake lake;

    @BeforeAll
    static void seed() {
        System.setProperty("spark.master", "local[2]");
        spark = StepSpark.session("sql-it");
        var clusterEarly = new FileSizing(
                128, 100, 1024, new FileSizing.Clustering(true, 2, 100, 128), FileSizing.Cleaning.DEFAULTS);
        lake = new SeededLake(spark, home, HudiWriteOptions.fileSizing(clusterEarly));
    }

    @Test
    void printsAnAlignedTableOfTheLatestCommittedSnapshotAsTheTrinoEngineDoes() {
        var run = sql("--query", ORDERS);

        assertThat(run.exitCode).isZero();
        assertThat(run.out).isEqualTo("""
                o_id | o_amount | o_note
                -----+----------+--------
                   1 |    10.50 | changed
                   3 |     3.00 | x
                   4 |     4.00 | y
                   5 |     5.00 | new
                """);
        assertThat(run.notes).isEqualTo("(4 rows)\n");
    }

    @Test
    void printsCsvAndJsonLinesAsTheTrinoEngineDoes() {
        var csv = sql(
                "--query",
                "select o_id, o_note from tpcc_public_orders where o_id in (1, 3) order by o_id",
                "--format",
                "csv",
                "--as-of",
                lake.commits().get(0));
        var json = sql(
                "--query",
                "select o_id, o_amount, o_note from tpcc_public_orders where o_id = 2",
                "--format",
                "json",
                "--as-of",
                lake.commits().get(0));

        assertThat(csv.out).isEqualTo("o_id,o_note\n1,\"first, \"\"quoted\"\"\"\n3,x\n");
        // Values as text, as on Trino (sql-client's ResultPrinter): the decimal keeps its scale in any JSON reader.
        assertThat(json.out).isEqualTo("{\"o_id\":\"2\",\"o_amount\":\"2.00\",\"o_note\":null}\n");
    }

    @Test
    void limitsTheRowsAndSaysSo() {
        var run = sql("--query", ORDERS, "--limit", "2");

        assertThat(run.out.lines()).hasSize(4);
        assertThat(run.notes).contains("first 2 rows shown; more rows match");
    }

    @Test
    void travelsInTimeAndReadsTheChangesSinceAnInstant() {
        var commits = lake.commits();
        assertThat(commits).hasSize(3);

        var asOfSeed = sql(
                "--query",
                "select o_id, o_amount from tpcc_public_orders order by o_id",
                "--as-of",
                commits.get(0),
                "--format",
                "csv");
        var changed = sql(
                "--query",
                "select o_id, o_note from tpcc_public_orders order by o_id",
                "--changes-since",
                commits.get(0),
                "--format",
                "csv");
        var between = sql(
                "--query",
                "select count(*) from tpcc_public_orders",
                "--changes-since",
                commits.get(1),
                "--as-of",
                commits.get(2),
                "--format",
                "csv");

        assertThat(asOfSeed.out).isEqualTo("o_id,o_amount\n1,1.00\n2,2.00\n3,3.00\n4,4.00\n");
        assertThat(changed.out).isEqualTo("o_id,o_note\n1,changed\n5,new\n");
        assertThat(between.out).isEqualTo("count(1)\n0\n");
    }

    @Test
    void neverShowsAnInflightCommit() throws IOException {
        var partition = Path.of(URI.create(lake.table().basePath())).resolve("o_w_id=2");
        Path base;
        try (Stream<Path> files = Files.list(partition)) {
            base = files.filter(file -> file.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        var pending = "29991231235959999";
        var name = base.getFileName().toString();
        var copy = "00000000-0000-0000-0000-000000000000-0"
                + name.substring(name.indexOf('_'), name.lastIndexOf('_') + 1) + pending + ".parquet";
        Files.copy(base, partition.resolve(copy));
        var timeline = partition.getParent().resolve(".hoodie");
        Files.writeString(timeline.resolve(pending + ".commit.requested"), "");
        Files.writeString(timeline.resolve(pending + ".inflight"), "");
        try {
            assertThat(sql("--query", "select count(*) from tpcc_public_orders", "--format", "csv").out)
                    .isEqualTo("count(1)\n4\n");
        } finally {
            Files.delete(partition.resolve(copy));
            Files.delete(timeline.resolve(pending + ".commit.requested"));
            Files.delete(timeline.resolve(pending + ".inflight"));
        }
    }

    @Test
    void namesTheCulpritOfABadQuery() {
        var unknown = sql("--query", "select * from tpcc_public_nope");
        var badSql = sql("--query", "selec 1");
        var write = sql("--query", "drop view tpcc_public_orders");
        var badInstant = sql("--query", ORDERS, "--as-of", "yesterday");
        var badFormat = sql("--query", ORDERS, "--format", "xml");

        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.notes)
                .isEqualTo("Error: Unknown table tpcc_public_nope; known tables: tpcc_public_orders\n");
        assertThat(badSql.notes).startsWith("Error: Invalid SQL: ").contains("selec");
        assertThat(write.notes).startsWith("Error: Invalid query: DropView statements are not allowed");
        assertThat(badInstant.notes)
                .startsWith("Error: Invalid --as-of 'yesterday': expected a Hudi instant yyyyMMddHHmmss[SSS]");
        assertThat(badFormat.notes).isEqualTo("Error: Invalid --format 'xml': expected one of table, csv, json\n");
        assertThat(sql("--query", "select count(*) from tpcc_public_orders", "--format", "csv").out)
                .isEqualTo("count(1)\n4\n");
    }

    @Test
    void acceptsTablesNamedByDatabaseAsInGlue() {
        var qualified = sql("--query", "select count(*) from tpcc_lake.tpcc_public_orders", "--format", "csv");
        var joined = sql(
                "--query",
                "select o.o_id, tpcc_lake.tpcc_public_orders.o_note from `tpcc_lake`.`tpcc_public_orders` o"
                        + " join tpcc_lake.tpcc_public_orders on o.o_id = tpcc_lake.tpcc_public_orders.o_id where o.o_id = 5",
                "--format",
                "csv");
        var unknown = sql("--query", "select * from tpcc_lake.nope");

        assertThat(qualified.out).as(qualified.notes).isEqualTo("count(1)\n4\n");
        assertThat(joined.out).as(joined.notes).isEqualTo("o_id,o_note\n5,new\n");
        assertThat(unknown.notes).isEqualTo("Error: Unknown table tpcc_lake.nope; known tables: tpcc_public_orders\n");
    }

    @Test
    void readsStatementsFromStdinUntilQuit() {
        var run = withStdin(
                "select count(*)\n  from tpcc_public_orders;\nselect * from nope;\nquit;\nselect 1;\n",
                "--format",
                "csv");

        assertThat(run.exitCode).isZero();
        assertThat(run.out)
                .contains(SqlMain.PROMPT + SqlMain.CONTINUATION + "count(1)\n4\n" + SqlMain.PROMPT + SqlMain.PROMPT)
                .doesNotContain("\n1\n");
        assertThat(run.notes).contains("Error: Unknown table nope");
    }

    @Test
    void describesFilesTimelineAndLag() throws IOException {
        var status = home.resolve("s3/lakepipe-logs/cdc/tpcc/public.orders.json");
        Files.createDirectories(status.getParent());
        Files.writeString(
                status,
                "{\"table\":\"public.orders\",\"state\":\"idle\",\"updated_at\":\"2026-11-23T11:31:00Z\","
                        + "\"pending_files\":0,\"lag_seconds\":60.0}");
        var readFiles = spark.read()
                .format("hudi")
                .load(lake.table().basePath())
                .select("_hoodie_file_name")
                .distinct()
                .count();

        var text = describe("--table", SeededLake.TABLE);
        var json = describe("--table", "tpcc_lake." + SeededLake.TABLE, "--format", "json");
        var unknown = describe("--table", "nope");

        assertThat(text.exitCode).as(text.notes).isZero();
        assertThat(text.out)
                .contains("table              tpcc_lake.tpcc_public_orders (COPY_ON_WRITE, source public.orders)")
                .contains("files (latest)     " + readFiles + " files, average ")
                .contains("commits            4 on the active timeline, last "
                        + lake.commits().get(2))
                .contains("last cleaner run   never")
                .containsPattern("last clustering    \\d{17}\n")
                .contains("last apply         idle at 2026-11-23T11:31:00Z, 0 change files pending, lag 60.0 s then");
        var facts = new ObjectMapper().readTree(json.out);
        assertThat(facts.path("latest_files").path("count").asLong()).isEqualTo(readFiles);
        assertThat(facts.path("storage_files").path("count").asLong()).isGreaterThan(readFiles);
        assertThat(facts.path("latest_files").path("smallest_bytes").asLong())
                .isPositive()
                .isLessThanOrEqualTo(
                        facts.path("latest_files").path("average_bytes").asLong());
        assertThat(facts.path("newest_applied_change").asText()).isEqualTo("2026-11-23T11:30:00Z");
        assertThat(facts.path("apply_status").path("state").asText()).isEqualTo("idle");
        assertThat(unknown.exitCode).isEqualTo(1);
        assertThat(unknown.notes).isEqualTo("Error: Unknown table nope; known tables: tpcc_lake.tpcc_public_orders\n");
    }

    @Test
    void measuresTheLagFromTheNewestCapturedChangeNotFromNow() throws IOException {
        var dms = new DmsFixture(spark, lake.changeFolder(), SeededLake.sourceColumns());
        dms.write(SeededLake.LAST_APPLIED_FILE, List.<Object[]>of(DmsFixture.change("D", 0, 2, 1, null, null)));

        var caughtUp = describe("--table", SeededLake.TABLE);
        var caughtUpJson = new ObjectMapper().readTree(describe("--table", SeededLake.TABLE, "--format", "json").out);
        dms.write(
                "2026/11/23/20261123-113030000.parquet",
                List.of(
                        DmsFixture.change("I", 12, 6, 2, new BigDecimal("6.00"), "six"),
                        DmsFixture.change("U", 42, 6, 2, new BigDecimal("6.50"), "six")));
        dms.write(
                "2026/11/23/20261123-113040000.parquet",
                List.<Object[]>of(DmsFixture.change("I", 35, 7, 1, new BigDecimal("7.00"), "seven")));
        var behind = describe("--table", SeededLake.TABLE);
        var behindJson = new ObjectMapper().readTree(describe("--table", SeededLake.TABLE, "--format", "json").out);

        assertThat(caughtUp.exitCode).as(caughtUp.notes).isZero();
        assertThat(caughtUp.out)
                .contains("lag behind CDC     0.0 s (caught up: no change file pending;"
                        + " newest applied change committed at the source 2026-11-23T11:30:00Z)\n");
        assertThat(caughtUpJson.path("lag_seconds").asDouble()).isEqualTo(0.0);
        assertThat(caughtUpJson.path("pending_change_files").asInt()).isZero();
        assertThat(caughtUpJson.path("newest_captured_change").asText()).isEqualTo("2026-11-23T11:30:00Z");
        assertThat(behind.out)
                .contains(
                        "lag behind CDC     42.0 s (2 change files pending; newest captured change committed at the source"
                                + " 2026-11-23T11:30:42Z, newest applied change committed at the source 2026-11-23T11:30:00Z)\n");
        assertThat(behindJson.path("lag_seconds").asDouble()).isEqualTo(42.0);
        assertThat(behindJson.path("pending_change_files").asInt()).isEqualTo(2);
        assertThat(behindJson.path("newest_captured_change").asText()).isEqualTo("2026-11-23T11:30:42Z");
    }

    @Test
    void aStepQueryNamesTablesAsOnEmr() {
        // A fresh session, as a step's on EMR: no view left by lakepipe sql above.
        var step = new GlueSql(spark.newSession(), Optional.of(new LocalCatalog(lake.catalog())), "tpcc_lake");

        var qualified = step.run(
                "select count(*) from tpcc_lake.tpcc_public_orders o join `tpcc_lake`.tpcc_public_orders p on o.o_id = p.o_id");
        var columns = step.run(
                "select tpcc_public_orders.o_id, tpcc_lake.tpcc_public_orders.o_note from tpcc_lake.tpcc_public_orders"
                        + " where tpcc_public_orders.o_id = 3");

        assertThat(qualified.first().getLong(0)).isEqualTo(4);
        assertThat(columns.first()).isEqualTo(RowFactory.create(3, "x"));
        assertThatThrownBy(() -> step.run("select count(*) from tpcc_public_orders"))
                .hasMessage(
                        "Unknown table tpcc_public_orders: name tables with their Glue database, tpcc_lake.tpcc_public_orders"
                                + " (on EMR Spark's catalog is Glue, whose current database is default)");
        assertThatThrownBy(() -> step.run("select * from tpcc_gold.tpcc_public_orders"))
                .hasMessage(
                        "Unknown table tpcc_gold.tpcc_public_orders: not in the catalog; tables of the catalog: tpcc_lake.tpcc_public_orders");
    }

    private static Run describe(String... args) {
        var all = new ArrayList<>(List.of(
                "--catalog",
                lake.catalog().toString(),
                "--status-dir",
                home.resolve("s3/lakepipe-logs/cdc").toString()));
        all.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        var notes = new ByteArrayOutputStream();
        var exitCode = TableDescribeMain.run(
                all.toArray(String[]::new), new PrintStream(out, true, UTF_8), new PrintStream(notes, true, UTF_8));
        return new Run(exitCode, out.toString(UTF_8), notes.toString(UTF_8));
    }

    private static Run sql(String... args) {
        return withStdin("", args);
    }

    private static Run withStdin(String stdin, String... args) {
        var all = new ArrayList<>(List.of("--catalog", lake.catalog().toString()));
        all.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        var notes = new ByteArrayOutputStream();
        var exitCode = SqlMain.run(
                all.toArray(String[]::new),
                new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                new PrintStream(out, true, UTF_8),
                new PrintStream(notes, true, UTF_8));
        return new Run(exitCode, out.toString(UTF_8), notes.toString(UTF_8));
    }

    private record Run(int exitCode, String out, String notes) {}
}
