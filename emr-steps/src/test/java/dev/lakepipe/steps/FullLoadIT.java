package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.catalog.CatalogViews;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.spark.StepSpark;
import dev.lakepipe.steps.verify.TableVerification;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** One warehouse at TPC-C's TINY scale (TestSource), all nine tables: jdbc_load, seed_hudi, verify, in-process. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullLoadIT {

    static final List<String> TABLES = List.of(
            "public.warehouse",
            "public.district",
            "public.customer",
            "public.history",
            "public.new_order",
            "public.orders",
            "public.order_line",
            "public.item",
            "public.stock");

    @TempDir
    static Path home;

    private static String snapshot;

    @Test
    @Order(1)
    void loadsAndSeedsEveryTable() throws Exception {
        snapshot = new TestLake(home).tpccTables().snapshotUri();
        for (var table : TABLES) {
            var load = JdbcLoadStep.load("--config", snapshot, "--table", table);
            var seed = SeedHudiStep.seed("--config", snapshot, "--table", table);
            assertThat(seed.rows()).as(table).isEqualTo(load.rows()).isPositive();
        }
        var views = CatalogViews.registerAll(StepSpark.session("test"), new LocalCatalog(home.resolve("catalog")));
        assertThat(views).hasSize(9).contains("tpcc_public_order_line", "tpcc_public_history");
        assertThat(StepSpark.session("test")
                        .sql("SELECT count(*) FROM tpcc_public_order_line")
                        .first()
                        .getLong(0))
                .isEqualTo(sourceRows("public.order_line"))
                .isGreaterThan(1_000);
    }

    private static long sourceRows(String table) throws SQLException {
        try (var connection = TestSource.admin();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    @Order(2)
    void verifyFindsEveryTableEqual() {
        var results = VerifyStep.verify("--config", snapshot);

        assertThat(results).extracting(TableVerification::table).containsExactlyInAnyOrderElementsOf(TABLES);
        assertThat(results)
                .allSatisfy(result ->
                        assertThat(result.matches()).as(result.table()).isTrue());
        assertThat(results)
                .allSatisfy(result ->
                        assertThat(result.source().rows()).as(result.table()).isPositive());
    }

    @Test
    @Order(3)
    void verifyNamesTheKeyOfAChangedRow() throws Exception {
        TestSource.execute("UPDATE public.district SET d_ytd = d_ytd + 0.01 WHERE d_w_id = 1 AND d_id = 3");
        try {
            var result = VerifyStep.verify("--config", snapshot, "--table", "public.district")
                    .get(0);

            assertThat(result.matches()).isFalse();
            assertThat(result.source().rows()).isEqualTo(result.silver().rows());
            assertThat(result.differingKeys()).containsExactly("1,3");
            assertThat(VerifyStep.run(new String[] {"--config", snapshot, "--table", "public.district"}))
                    .isEqualTo(1);
        } finally {
            TestSource.execute("UPDATE public.district SET d_ytd = d_ytd - 0.01 WHERE d_w_id = 1 AND d_id = 3");
        }
    }
}
