package dev.lakepipe.steps.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.spark.StepSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read-only rule of {@code lakepipe sql} against a local SparkSession: every statement kind that writes, changes the
 * session or reads outside the catalog is refused with a message naming the kind and the fix, and nothing is written;
 * queries, SHOW, DESCRIBE and EXPLAIN of catalog tables run. An integration test for its SparkSession; its own session
 * of the test JVM's Spark (temporary views and SQL settings stay in it).
 */
class ReadOnlyStatementIT {

    private static final String FIX =
            "lakepipe sql only reads the catalog tables (SELECT, WITH, VALUES, SHOW, DESCRIBE, EXPLAIN);"
                    + " the lake is written by its pipelines only ('lakepipe run <pipeline>')";
    private static final String OUTSIDE =
            "is not a catalog table; lakepipe sql reads only the catalog tables, not files or tables outside it";

    @TempDir
    static Path dir;

    private static Path table;
    private static LakeQuery query;
    private static GlueSql stepSql;
    private static List<String> filesBefore;

    @BeforeAll
    static void registerOneTable() throws IOException {
        System.setProperty("spark.master", "local[2]");
        SparkSession spark = StepSpark.hudiSession("read-only-test").newSession();
        table = dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        spark.sql("select id as o_id, id % 2 as o_w_id from range(4)").write().parquet(table.toString());
        spark.read().parquet(table.toString()).createOrReplaceTempView("tpcc_public_orders");
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        query = new LakeQuery(
                spark,
                new LakeTables(
                        List.of("tpcc_public_orders"),
                        Map.of(),
                        Map.of("tpcc_lake.tpcc_public_orders", "tpcc_public_orders")));
        stepSql = new GlueSql(spark, Optional.empty(), "tpcc_lake");
        filesBefore = files(dir);
    }

    static Stream<Arguments> refusedStatements() {
        var path = "file://" + dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        return Stream.of(
                Arguments.of(
                        "insert overwrite directory '" + path + "' using parquet select 1 as x",
                        "InsertIntoDir statements are"),
                Arguments.of(
                        "insert into tpcc_public_orders select * from tpcc_public_orders",
                        "InsertIntoStatement statements are"),
                Arguments.of(
                        "insert overwrite table tpcc_lake.tpcc_public_orders select 1, 1",
                        "InsertIntoStatement statements are"),
                Arguments.of(
                        "create table t using parquet as select * from tpcc_public_orders",
                        "CreateTableAsSelect statements are"),
                Arguments.of(
                        "create temporary view v using parquet options (path '" + path + "')",
                        "CreateTempViewUsing statements are"),
                Arguments.of("create or replace temporary view v as select 1", "CreateViewCommand statements are"),
                Arguments.of("cache table tpcc_public_orders", "CacheTable statements are"),
                Arguments.of("cache table c as select * from tpcc_public_orders", "CacheTableAsSelect statements are"),
                Arguments.of("uncache table tpcc_public_orders", "UncacheTable statements are"),
                Arguments.of("clear cache", "ClearCacheCommand statements are"),
                Arguments.of("set spark.sql.runSQLOnFiles=true", "SetCommand statements are"),
                Arguments.of("reset", "ResetCommand statements are"),
                Arguments.of("add jar /tmp/x.jar", "AddJarsCommand statements are"),
                Arguments.of("msck repair table tpcc_public_orders", "RepairTable statements are"),
                Arguments.of("refresh table tpcc_public_orders", "RefreshTable statements are"),
                Arguments.of("refresh '" + path + "'", "RefreshResource statements are"),
                Arguments.of("use tpcc_lake", "SetCatalogAndNamespace statements are"),
                Arguments.of("drop view tpcc_public_orders", "DropView statements are"),
                Arguments.of("truncate table tpcc_public_orders", "TruncateTable statements are"),
                Arguments.of("delete from tpcc_public_orders where o_id = 1", "DeleteFromTable statements are"),
                Arguments.of("update tpcc_public_orders set o_w_id = 0", "UpdateTable statements are"),
                Arguments.of(
                        "merge into tpcc_public_orders t using tpcc_public_orders s on t.o_id = s.o_id when matched then delete",
                        "MergeIntoTable statements are"),
                Arguments.of("alter table tpcc_public_orders add columns (x int)", "AddColumns statements are"),
                Arguments.of(
                        "load data inpath '" + path + "' into table tpcc_public_orders", "LoadData statements are"),
                Arguments.of("create function f as 'x.Y'", "CreateFunction statements are"),
                Arguments.of(
                        "explain insert into tpcc_public_orders select 1, 1", "InsertIntoStatement statements are"),
                Arguments.of("select * from range(10)", "UnresolvedTableValuedFunction inside a query is"),
                Arguments.of(
                        "select transform(o_id) using 'cat' as (x) from tpcc_public_orders",
                        "ScriptTransformation statements are"),
                Arguments.of(
                        "select * from tpcc_public_orders version as of 1", "TimeTravelRelation inside a query is"),
                Arguments.of(
                        "select * from identifier('tpcc_public_orders')",
                        "PlanWithUnresolvedIdentifier inside a query is"),
                Arguments.of(
                        "select * from (select transform(o_id) using 'cat' as (x) from tpcc_public_orders)",
                        "ScriptTransformation inside a query is"),
                Arguments.of("call show_commits(table => 'tpcc_public_orders')", "CallCommand statements are"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedStatements")
    void refusesEveryStatementThatIsNotAReadOfTheCatalog(String sql, String kind) throws IOException {
        assertThatThrownBy(() -> query.run(sql))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid query: " + kind + " not allowed; " + FIX);
        assertTableUnchanged();
    }

    static Stream<Arguments> refusedStepStatements() {
        return Stream.of(
                Arguments.of("drop view tpcc_public_orders", "DropView statements are"),
                Arguments.of("truncate table tpcc_public_orders", "TruncateTable statements are"),
                Arguments.of("delete from tpcc_public_orders where o_id = 1", "DeleteFromTable statements are"),
                Arguments.of(
                        "insert into tpcc_public_orders select * from tpcc_public_orders",
                        "InsertIntoStatement statements are"),
                Arguments.of(
                        "select * from (select transform(o_id) using 'cat' as (x) from tpcc_public_orders)",
                        "ScriptTransformation inside a query is"));
    }

    /** A gold SQL step's file goes through {@link GlueSql}, where Spark would run a command as soon as it is analyzed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedStepStatements")
    void aStepsSqlRefusesEveryStatementThatIsNotAQuery(String sql, String kind) throws IOException {
        assertThatThrownBy(() -> stepSql.run(sql))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid query: " + kind + " not allowed in a step's SQL; it must be one query (SELECT,"
                        + " WITH or VALUES) whose rows the step writes to its own table");
        assertThat(stepSql.run("select count(*) from tpcc_public_orders")
                        .first()
                        .getLong(0))
                .isEqualTo(4);
        assertTableUnchanged();
    }

    static Stream<Arguments> readsOutsideTheCatalog() {
        var path = dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        return Stream.of(
                Arguments.of("select * from parquet.`" + path + "`", "`parquet`.`" + path + "`"),
                Arguments.of("select * from json.`/etc/passwd`", "`json`.`/etc/passwd`"),
                Arguments.of(
                        "with x as (select * from parquet.`" + path + "`) select * from x", "`parquet`.`" + path + "`"),
                Arguments.of(
                        "select * from tpcc_public_orders where o_id in (select o_id from parquet.`" + path + "`)",
                        "`parquet`.`" + path + "`"),
                Arguments.of("select * from default.t", "`default`.`t`"),
                Arguments.of("describe table parquet.`" + path + "`", "`parquet`.`" + path + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readsOutsideTheCatalog")
    void refusesDirectReadsOfFilesAndTablesOutsideTheCatalog(String sql, String culprit) {
        assertThatThrownBy(() -> query.run(sql))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid query: %s %s (a file reaches the lake through a pipeline); known tables: tpcc_public_orders",
                        culprit, OUTSIDE);
    }

    @Test
    void refusesCallingJavaMethodsHoweverSpelled() {
        assertThatThrownBy(() -> query.run("select java_method('java.lang.System', 'getProperty', 'user.home')"))
                .hasMessageStartingWith("Invalid query: calling Java methods (reflect, java_method) is not allowed");
        assertThatThrownBy(
                        () -> query.run(
                                "select o_id from tpcc_public_orders where o_id in (select reflect('java.lang.Math', 'abs', 1))"))
                .hasMessageStartingWith("Invalid query: calling Java methods (reflect, java_method) is not allowed");
    }

    @Test
    void namesAnUnknownTableWithTheKnownOnes() {
        assertThatThrownBy(() -> query.run("select * from nope"))
                .hasMessage("Unknown table nope; known tables: tpcc_public_orders");
        assertThatThrownBy(() -> query.run("select * from tpcc_lake.nope"))
                .hasMessage("Unknown table tpcc_lake.nope; known tables: tpcc_public_orders");
    }

    @Test
    void runsQueriesAndDescriptionsOfTheCatalogTables() {
        assertThat(query.run("select count(*) from tpcc_public_orders").first().getLong(0))
                .isEqualTo(4);
        assertThat(query.run("with tpcc_public_orders as (select 1 as o_id) select o_id from tpcc_public_orders")
                        .count())
                .isEqualTo(1);
        assertThat(query.run(
                                "with w as (select o_w_id, count(*) n from tpcc_lake.tpcc_public_orders group by o_w_id having n > 0)"
                                        + " select * from w join (values (0), (1)) v(x) on w.o_w_id = v.x order by 1 limit 5")
                        .count())
                .isEqualTo(2);
        assertThat(query.run(
                                "select o_id, rank() over (partition by o_w_id order by o_id) from tpcc_public_orders"
                                        + " where exists (select 1 from tpcc_public_orders p where p.o_id = 0) union all select 9, 9")
                        .count())
                .isEqualTo(5);
        assertThat(query.run("select explode(array(1, 2))").count()).isEqualTo(2);
        assertThat(query.run("show tables").count()).isEqualTo(1);
        assertThat(query.run("show columns in tpcc_public_orders").count()).isEqualTo(2);
        assertThat(query.run("describe tpcc_public_orders").count()).isEqualTo(2);
        assertThat(query.run("describe query select o_id from tpcc_public_orders")
                        .count())
                .isEqualTo(1);
        assertThat(query.run("explain select * from tpcc_lake.tpcc_public_orders")
                        .count())
                .isEqualTo(1);
        assertThat(query.run("show functions like 'abs'").count()).isEqualTo(1);
    }

    private static void assertTableUnchanged() throws IOException {
        assertThat(files(dir)).isEqualTo(filesBefore);
    }

    private static List<String> files(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.map(file -> root.relativize(file) + " " + file.toFile().length())
                    .sorted()
                    .toList();
        }
    }
}
