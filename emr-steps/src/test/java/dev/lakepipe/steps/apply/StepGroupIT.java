package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.HudiApplyStep;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.TestSnapshot;
import dev.lakepipe.steps.hudi.TableLock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step group: two tables applied by one apply step JVM ({@code --table} twice), one of which cannot be written
 * (another writer holds its lock). The other commits, the step fails naming each table's outcome, and the rerun applies
 * only what is left: the locked table's changes, nothing twice. (Two tables keep it short: each table name is one more
 * seeded template.)
 */
class StepGroupIT {

    private static final String F1 = "2026/11/23/20261123-113100000.parquet";
    private static final List<String> TABLES = List.of(SeededOrders.TABLE, "public.orders_b");

    private static SparkSession spark;

    @TempDir
    Path home;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void oneTablesFailureLeavesTheOthersCommittedAndTheRerunAppliesOnlyWhatIsLeft() throws Exception {
        var snapshot = writeSnapshot();
        var configs = StepConfigs.read(snapshot, spark.sparkContext().hadoopConfiguration());
        var tables = new ArrayList<ApplyTable>();
        for (var name : TABLES) {
            var table = SeededOrders.copyTo(spark, HudiApplyStep.resolve(spark, configs.table(name)));
            SeededOrders.changes(spark, table)
                    .write(
                            F1,
                            List.<Object[]>of(
                                    change("U", 101, 1, 1, 10, new BigDecimal("10.00"), SeededOrders.T0),
                                    change("D", 102, 2, null, null, null, null)));
            tables.add(table);
        }
        var locked = tables.get(1);
        var lock = TableLockIT.lockAsAnotherWriter(spark, locked);
        ForkedStep first;
        try {
            first = runGroup(snapshot);
            assertThat(first.await(600)).as(first.output()).isEqualTo(1);
        } finally {
            lock.unlock();
            lock.close();
        }

        var applied = List.of("1:1:10.00", "3:1:3.00", "4:1:4.00");
        assertThat(silver(tables.get(0))).isEqualTo(applied);
        assertThat(silver(locked)).containsExactly("1:1:1.00", "2:1:2.00", "3:1:3.00", "4:1:4.00");
        assertThat(first.output())
                .contains("hudi_apply: 2 tables, 1 done, 1 failed")
                .contains("  public.orders: done in ")
                .contains("  public.orders_b: FAILED in ")
                .contains("LakepipeException: hudi_apply failed for 1 of 2 tables: public.orders_b (Cannot write"
                        + " lake_public_orders_b: another writer holds its lock")
                .contains("done: public.orders. Each table commits on its own");

        var rerun = runGroup(snapshot);
        assertThat(rerun.await(600)).as(rerun.output()).isEqualTo(0);

        for (var table : tables) {
            assertThat(silver(table)).as(table.table()).isEqualTo(applied);
            var checkpoint = checkpoints().read(table.basePath()).orElseThrow();
            assertThat(checkpoint.appliedFilesTotal()).as(table.table()).isEqualTo(1);
        }
        assertThat(rerun.output()).contains("hudi_apply: 2 tables, 2 done, 0 failed");
    }

    private String writeSnapshot() {
        var lake = new TestSnapshot("group", home)
                .unusedSecretAndDatabase(
                        home, "shop/spark", SeededOrders.SOURCE_DATABASE, SeededOrders.HUDI_DATABASE, "lake");
        for (var table : TABLES) {
            lake.table(table, Map.of("primary_key", "o_id", "is_partitioned", false, "watermark", "trx_seq"));
        }
        return lake.write(home.resolve("snapshot.json"));
    }

    private ForkedStep runGroup(String snapshot) throws Exception {
        var args = new ArrayList<>(List.of("--config", snapshot, "--mode", "incremental"));
        TABLES.forEach(table -> args.addAll(List.of("--table", table)));
        return ForkedStep.start(
                home.resolve("logs"), HudiApplyStep.class.getName(), List.of(TableLock.WAIT_PROPERTY + "=2000"), args);
    }

    private static List<String> silver(ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath()).orderBy("o_id").collectAsList().stream()
                .map(row -> row.getAs("o_id") + ":" + row.getAs("o_w_id") + ":" + row.getAs("o_amount"))
                .toList();
    }

    private static CheckpointStore checkpoints() {
        return new CheckpointStore(spark.sparkContext().hadoopConfiguration());
    }
}
