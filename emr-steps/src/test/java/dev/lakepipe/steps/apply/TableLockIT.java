package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.hudi.HudiWriteOptions;
import dev.lakepipe.steps.hudi.TableLock;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.hudi.client.transaction.lock.FileSystemBasedLockProvider;
import org.apache.hudi.common.config.LockConfiguration;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real writers on one table at once (issue 17 defect 4): the second never rolls back or overwrites the first's
 * inflight instant; the one that loses the table commits nothing and fails naming the table and what to do; the lake
 * stays exact. Made deterministic by holding the first writer at its commit, or by holding the table's lock.
 */
class TableLockIT {

    private static final Timestamp T0 = SeededOrders.T0;
    private static final String F1 = "2026/11/23/20261123-113100000.parquet";
    private static final String F2 = "2026/11/23/20261123-113200000.parquet";

    @TempDir
    Path lake;

    private static SparkSession spark;

    @BeforeAll
    static void sparkSession() {
        spark = LocalSpark.session();
    }

    @Test
    void aWriterThatCommitsFirstWinsAndTheOtherCommitsNothingWithoutLosingItsInstantToARollback() throws Exception {
        var table = seeded();
        dms(table)
                .write(
                        F1,
                        List.<Object[]>of(
                                change("U", 101, 1, 1, 10, amount("10.00"), T0),
                                change("I", 102, 5, 1, 50, amount("5.00"), T0)));
        PausingPreCommitValidator.arm();
        var first = CompletableFuture.runAsync(() -> TableLock.write(
                table.hudi(), () -> upsertPausingAtCommit(table, change("U", 150, 1, 1, 10, amount("77.00"), T0))));
        PausingPreCommitValidator.awaitPaused();
        var firstInstant = pendingInstants(table);
        assertThat(firstInstant).hasSize(1);

        var second = new TableApplier(spark, 10).applyPending(table, () -> false);
        assertThat(pendingInstants(table))
                .as("the second writer left the first one's inflight instant alone")
                .isEqualTo(firstInstant);
        PausingPreCommitValidator.resume();

        assertThat(second.files()).isEqualTo(1);
        assertThatThrownBy(first::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Cannot commit to lake_public_orders: another writer committed to it while this write ran")
                .hasMessageContaining("this write committed nothing")
                .hasMessageContaining("Run it again when the other writer has finished");
        assertThat(silver(table)).containsExactly("1:1:10.00", "2:1:2.00", "3:1:3.00", "4:1:4.00", "5:1:5.00");
        assertThat(pendingInstants(table))
                .as("a failed write is rolled back lazily")
                .isEqualTo(firstInstant);
    }

    @Test
    void aWriterThatCannotGetTheTableLockCommitsNothingAndSaysWhoHoldsIt() throws Exception {
        var table = seeded();
        dms(table).write(F1, List.<Object[]>of(change("U", 101, 1, 1, 10, amount("10.00"), T0)));
        var lock = lockAsAnotherWriter(spark, table);
        System.setProperty(TableLock.WAIT_PROPERTY, "2000");
        try {
            assertThatThrownBy(() -> new TableApplier(spark, 10).applyPending(table, () -> false))
                    .isInstanceOf(LakepipeException.class)
                    .hasMessageStartingWith("Cannot write lake_public_orders: another writer holds its lock "
                            + TableLock.lockFile(table.basePath()) + " (taken at ")
                    .hasMessageContaining("this write committed nothing")
                    .hasMessageContaining("Run it again when the other writer has finished");
            assertThat(Path.of(URI.create(TableLock.lockFile(table.basePath()))))
                    .as("the writer that gave up left the holder's lock in place")
                    .isRegularFile();
        } finally {
            System.clearProperty(TableLock.WAIT_PROPERTY);
            lock.unlock();
            lock.close();
        }
        assertThat(silver(table)).containsExactly("1:1:1.00", "2:1:2.00", "3:1:3.00", "4:1:4.00");
        assertThat(new CheckpointStore(spark.sparkContext().hadoopConfiguration()).read(table.basePath()))
                .isEmpty();

        dms(table).write(F2, List.<Object[]>of(change("D", 102, 2, null, null, null, null)));
        var rerun = new TableApplier(spark, 10).applyPending(table, () -> false);

        assertThat(rerun.files()).isEqualTo(2);
        assertThat(silver(table)).containsExactly("1:1:10.00", "3:1:3.00", "4:1:4.00");
    }

    /** The table's lock as another Hudi writer holds it during its commit: Hudi's own provider, at the path Hudi uses. */
    static FileSystemBasedLockProvider lockAsAnotherWriter(SparkSession spark, ApplyTable table) {
        var properties = new Properties();
        properties.putAll(HudiWriteOptions.of(table.hudi()).upsert(2));
        properties.put("hoodie.base.path", table.basePath());
        var provider = new FileSystemBasedLockProvider(
                new LockConfiguration(properties),
                HadoopFSUtils.getStorageConfWithCopy(spark.sparkContext().hadoopConfiguration()));
        assertThat(provider.tryLock(0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(Path.of(URI.create(TableLock.lockFile(table.basePath())))).isRegularFile();
        return provider;
    }

    private static void upsertPausingAtCommit(ApplyTable table, Object[] change) {
        var values = Arrays.copyOf(change, change.length + 1);
        values[change.length] = false;
        var schema =
                dms(table).changeSchema().add(createStructField("_hoodie_is_deleted", DataTypes.BooleanType, true));
        spark.createDataFrame(List.of(RowFactory.create(values)), schema)
                .write()
                .format("hudi")
                .options(HudiWriteOptions.of(table.hudi()).upsert(2))
                .option("hoodie.precommit.validators", PausingPreCommitValidator.class.getName())
                .mode(SaveMode.Append)
                .save(table.basePath());
    }

    private ApplyTable seeded() {
        return SeededOrders.in(spark, lake);
    }

    private static DmsFixture dms(ApplyTable table) {
        return SeededOrders.changes(spark, table);
    }

    private static List<String> silver(ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath()).orderBy("o_id").collectAsList().stream()
                .map(row -> row.getAs("o_id") + ":" + row.getAs("o_w_id") + ":" + row.getAs("o_amount"))
                .toList();
    }

    private static List<String> pendingInstants(ApplyTable table) {
        var metaClient = HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(table.basePath())
                .build();
        return metaClient.getActiveTimeline().getCommitsTimeline().filterInflightsAndRequested().getInstants().stream()
                .map(HoodieInstant::getTimestamp)
                .toList();
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}
