package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.load.BronzeLoad;
import dev.lakepipe.steps.spark.StepSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLoadStepIT {

    @TempDir
    static Path home;

    private static TestLake lake;

    @BeforeAll
    static void createSource() throws Exception {
        TestSource.execute(
                "DROP TABLE IF EXISTS public.typed CASCADE",
                """
                CREATE TABLE public.typed (id integer PRIMARY KEY, small smallint, big bigint, amount numeric(12,2),
                  wide numeric(30,10), free numeric, ratio float8, name varchar(20), code char(5), note text,
                  at timestamptz, local_at timestamp, day date, flag boolean, raw bytea, tag uuid)""",
                """
                INSERT INTO public.typed
                SELECT i, (i % 100)::smallint, i * 10000000000, i * 1.25, i + 0.0000000001, i / 3.0, i * 0.5,
                       'name ' || i, 'c' || (i % 10), E'tab\\there ' || i,
                       timestamptz '2026-11-23 10:00:00.123456+00' + i * interval '1 second',
                       timestamp '2026-11-23 10:00:00.5' , date '2026-11-23', i % 2 = 0, '\\x0102'::bytea,
                       '6f1c1a5e-0000-4000-8000-000000000001'
                FROM generate_series(1, 1000) i""",
                "INSERT INTO public.typed (id) VALUES (-7)",
                "CREATE OR REPLACE VIEW public.typed_view AS SELECT id, name FROM public.typed",
                "DROP TABLE IF EXISTS public.too_wide",
                "CREATE TABLE public.too_wide (id integer PRIMARY KEY, free numeric, pad text)",
                // ~5 MB: split into ranges read by Spark tasks; one value does not fit NUMERIC(28,6)
                "INSERT INTO public.too_wide SELECT i, CASE WHEN i = 15000 THEN 1e30 ELSE i END, repeat('x', 200) "
                        + "FROM generate_series(1, 20000) i",
                "SELECT lakepipe.protect('public.typed'), lakepipe.protect('public.too_wide')",
                "DROP TABLE IF EXISTS public.unprotected",
                "CREATE TABLE public.unprotected (id integer PRIMARY KEY, note text)");
        lake = new TestLake(home)
                .table(
                        "public.typed",
                        Map.of("primary_key", "id", "is_partitioned", false),
                        Map.of(
                                "partitionColumn",
                                "id",
                                "lowerBound",
                                "-10",
                                "upperBound",
                                "1000",
                                "numPartitions",
                                "4"))
                .table(
                        "public.typed_view",
                        Map.of("primary_key", "id", "is_partitioned", false),
                        Map.of("partitionColumn", "id", "lowerBound", "1", "upperBound", "1000", "numPartitions", "4"))
                .table(
                        "public.too_wide",
                        Map.of("primary_key", "id", "is_partitioned", false),
                        Map.of("partitionColumn", "id", "lowerBound", "1", "upperBound", "20000", "numPartitions", "4"))
                .table("public.unprotected", Map.of("primary_key", "id", "is_partitioned", false), Map.of());
    }

    @Test
    void refusesATableWhoseTruncateOrUnchangedToastValuesWouldNotReachTheLake() {
        assertThatThrownBy(() -> JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.unprotected"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot load public.unprotected: no enabled AFTER TRUNCATE trigger lakepipe_truncate, so a"
                        + " TRUNCATE would leave the removed rows in the lake; column note can be stored out of line"
                        + " (TOAST) and no enabled trigger lakepipe_retoast re-sends it, so an update that leaves it"
                        + " unchanged would write NULL for it in the lake. Nothing was written; protect the table and"
                        + " run jdbc_load again: run dev/lakepipe/dms/source-protection.sql once on the source database"
                        + " as its master user, then SELECT lakepipe.protect('\"public\".\"unprotected\"') as the"
                        + " table's owner (docs/operations.md, \"Events that silently diverge the lake\")");
        assertThat(lake.bronze("public", "unprotected")).doesNotExist();
    }

    @Test
    void splitsAViewByThePartitionColumnRanges() throws Exception {
        var result = JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.typed_view");

        assertThat(result.reader()).isEqualTo("copy");
        assertThat(result.partitions())
                .as("a view has no ctid: ranges of partitionColumn")
                .isEqualTo(4);
        assertThat(result.rows()).isEqualTo(1001);
        var bronze = StepSpark.session("test")
                .read()
                .parquet(lake.bronze("public", "typed_view").toString());
        assertThat(bronze.select("id").distinct().count()).isEqualTo(1001);
    }

    @Test
    void loadsEveryRowWithBronzeColumnsAndTypes() throws Exception {
        var result = JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.typed");

        assertThat(result.rows()).isEqualTo(1001);
        assertThat(result.reader()).isEqualTo("copy");
        try (var files = Files.list(lake.bronze("public", "typed"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .as("the committed files and the handoff; no staging folder")
                    .hasSize(result.partitions() + 1)
                    .allMatch(name -> name.equals("_lakepipe_handoff.json")
                            || name.matches("part-0000\\d-[0-9a-f-]{36}\\.snappy\\.parquet"));
        }
        var spark = StepSpark.session("test");
        var bronze = spark.read().parquet(lake.bronze("public", "typed").toString());
        assertThat(bronze.columns())
                .containsExactly(
                        "Op",
                        "id",
                        "small",
                        "big",
                        "amount",
                        "wide",
                        "free",
                        "ratio",
                        "name",
                        "code",
                        "note",
                        "at",
                        "local_at",
                        "day",
                        "flag",
                        "raw",
                        "tag",
                        "trx_seq",
                        "_hoodie_is_deleted");
        assertThat(bronze.schema().simpleString())
                .isEqualTo("struct<Op:string,id:int,small:smallint,big:bigint,"
                        + "amount:decimal(12,2),wide:decimal(30,10),free:decimal(28,6),ratio:double,name:string,code:string,"
                        + "note:string,at:timestamp,local_at:timestamp,day:date,flag:string,raw:binary,tag:string,trx_seq:string,"
                        + "_hoodie_is_deleted:boolean>");
        Row row = bronze.where("id = 7").first();
        assertThat(row.<String>getAs("Op")).isEqualTo("I");
        assertThat(row.<Short>getAs("small")).isEqualTo((short) 7);
        assertThat(row.<Long>getAs("big")).isEqualTo(70_000_000_000L);
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("8.75");
        assertThat(row.<BigDecimal>getAs("wide")).isEqualByComparingTo("7.0000000001");
        assertThat(row.<BigDecimal>getAs("free")).isEqualByComparingTo("2.333333");
        assertThat(row.<String>getAs("code")).isEqualTo("c7   ");
        assertThat(row.<String>getAs("note")).isEqualTo("tab\there 7");
        assertThat(row.<Timestamp>getAs("at").toInstant()).isEqualTo(Instant.parse("2026-11-23T10:00:07.123456Z"));
        assertThat(row.<String>getAs("flag")).isEqualTo("false");
        assertThat(row.<byte[]>getAs("raw")).containsExactly(1, 2);
        assertThat(row.<String>getAs("tag")).isEqualTo("6f1c1a5e-0000-4000-8000-000000000001");
        assertThat(row.<String>getAs("trx_seq"))
                .hasSize(35)
                .isEqualTo(result.trxSeq())
                .endsWith("0".repeat(19));
        assertThat(row.<Boolean>getAs("_hoodie_is_deleted")).isFalse();
        var nulls = bronze.where("id = -7").first();
        assertThat(nulls.isNullAt(nulls.fieldIndex("amount"))).isTrue();
        assertThat(nulls.isNullAt(nulls.fieldIndex("at"))).isTrue();
        assertThat(bronze.select("id").distinct().count()).isEqualTo(1001);
    }

    @Test
    void theCopyPathWritesWhatTheSparkJdbcPathWrites() throws Exception {
        var spark = StepSpark.session("test");
        var bronze = lake.bronze("public", "typed").toString();
        JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.typed");
        var copied = spark.read().parquet(bronze).drop("trx_seq").collectAsList();
        spark.conf().set(BronzeLoad.READER_CONF, "jdbc");
        try {
            assertThat(JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.typed")
                            .reader())
                    .isEqualTo("spark-jdbc");
        } finally {
            spark.conf().unset(BronzeLoad.READER_CONF);
        }
        var viaSparkJdbc = spark.read().parquet(bronze);

        assertThat(copied)
                .hasSize(1001)
                .containsExactlyInAnyOrderElementsOf(
                        viaSparkJdbc.drop("trx_seq").collectAsList());
    }

    @Test
    void aFailedLoadLeavesNoRowsForReaders() throws Exception {
        assertThatThrownBy(() -> JdbcLoadStep.load("--config", lake.snapshotUri(), "--table", "public.too_wide"))
                .hasStackTraceContaining(
                        "Cannot load public.too_wide.free: value 1000000000000000000000000000000.000000 has more than "
                                + "the 28 digits of NUMERIC(28,6)");

        var folder = lake.bronze("public", "too_wide");
        try (var files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(file -> folder.relativize(file).toString()))
                    .as("what readers see: files outside _-prefixed folders")
                    .noneMatch(name -> !name.startsWith("_") && name.endsWith(".parquet"))
                    .doesNotContain("_lakepipe_handoff.json");
        }
    }
}
