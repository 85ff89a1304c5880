package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static dev.lakepipe.steps.apply.DmsFixture.seq;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import dev.lakepipe.config.FileSizing;
import dev.lakepipe.steps.catalog.CommitSync;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.hudi.SeedHudi;
import dev.lakepipe.steps.hudi.TransformerSql;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HudiApplyIT {

    private static final Timestamp T0 = SeededOrders.T0;
    /** The source protection's marker table as DMS writes it (lakepipe.truncations). */
    private static final StructType MARKER = DataTypes.createStructType(List.of(
            createStructField("id", DataTypes.LongType, true),
            createStructField("table_schema", DataTypes.StringType, true),
            createStructField("table_name", DataTypes.StringType, true),
            createStructField("truncated_at", DataTypes.TimestampType, true)));

    private static SparkSession spark;

    @TempDir
    Path lake;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    @Test
    void appliesLatestChangePerKeyExactlyOnceAndNeverLetsAnOlderChangeWin() {
        var table = seededOrders();
        var dms = dms(table);
        dms.write(
                "2026/11/23/20261123-113100000.parquet",
                List.<Object[]>of(
                        change("U", 101, 1, 1, 10, amount("10.00"), T0),
                        change("U", 102, 1, 1, 10, amount("11.00"), T0),
                        change("D", 103, 2, null, null, null, null),
                        change("I", 104, 5, 2, 50, amount("5.00"), T0),
                        change("I", 105, 6, 2, 60, amount("6.00"), T0),
                        change("D", 106, 6, null, null, null, null),
                        change("U", 99, 3, 1, 30, amount("99.00"), T0)));
        var applier = new TableApplier(spark, 100);

        var first = applier.applyPending(table, () -> false);

        assertThat(first.files()).isEqualTo(1);
        assertThat(first.changes()).isEqualTo(7);
        assertThat(silver(table)).containsExactly("1:1:11.00", "3:1:3.00", "4:1:4.00", "5:2:5.00");

        dms.write(
                "2026/11/23/20261123-113200000.parquet",
                List.<Object[]>of(
                        change("U", 101, 1, 1, 10, amount("1.50"), T0),
                        change("U", 110, 4, 2, 40, amount("4.00"), T0)));
        dms.write(
                "2026/11/23/.20261123-113300000.parquet",
                List.<Object[]>of(change("I", 120, 9, 1, 90, amount("9.00"), T0)));
        dms.write("2026/11/23/_SUCCESS", List.<Object[]>of());

        var second = applier.applyPending(table, () -> false);
        var third = applier.applyPending(table, () -> false);

        assertThat(second.files()).isEqualTo(1);
        assertThat(silver(table)).containsExactly("1:1:11.00", "3:1:3.00", "4:2:4.00", "5:2:5.00");
        assertThat(third.batches()).isEmpty();
        assertThat(new CheckpointStore(spark.sparkContext().hadoopConfiguration()).read(table.basePath()))
                .hasValueSatisfying(checkpoint -> {
                    assertThat(checkpoint.lastFile()).isEqualTo("2026/11/23/20261123-113200000.parquet");
                    assertThat(checkpoint.files()).containsExactly("2026/11/23/20261123-113200000.parquet");
                    assertThat(checkpoint.appliedFilesTotal()).isEqualTo(2);
                    assertThat(checkpoint.newestChangeSeq()).contains(seq(110));
                });
    }

    @Test
    void primaryKeyUpdateDeletesTheOldKey() {
        var table = seededOrders();
        var schema = dms(table).changeSchema().add(createStructField("BI_o_id", DataTypes.IntegerType, true));
        dms(table)
                .write(
                        "2026/11/23/20261123-113100000.parquet",
                        schema,
                        List.<Object[]>of(
                                withBeforeImage(change("U", 101, 7, 1, 10, amount("1.00"), T0), 1),
                                withBeforeImage(change("U", 102, 3, 1, 33, amount("3.00"), T0), 3),
                                withBeforeImage(change("I", 103, 8, 2, 80, amount("8.00"), T0), null)));

        new TableApplier(spark, 100).applyPending(table, () -> false);

        assertThat(silver(table)).containsExactly("2:1:2.00", "3:1:3.00", "4:1:4.00", "7:1:1.00", "8:2:8.00");
        assertThat(spark.read().format("hudi").load(table.basePath()).columns()).doesNotContain("BI_o_id");
    }

    @Test
    void addsNewColumnsAndStopsTheTableOnAnIncompatibleChangeWithoutLosingFiles() throws Exception {
        var table = seededOrders();
        var dms = dms(table);
        var evolved = DataTypes.createStructType(List.of(
                createStructField("Op", DataTypes.StringType, true),
                createStructField("o_id", DataTypes.IntegerType, true),
                createStructField("o_w_id", DataTypes.IntegerType, true),
                createStructField("o_c_id", DataTypes.IntegerType, true),
                createStructField("o_amount", DataTypes.createDecimalType(10, 2), true),
                createStructField("o_entry_d", DataTypes.TimestampNTZType, true),
                createStructField("o_note", DataTypes.StringType, true),
                createStructField("trx_seq", DataTypes.StringType, true)));
        dms.write("2026/11/23/20261123-113100000.parquet", evolved, List.<Object[]>of(new Object[] {
            "U", 1, 1, 10, amount("1.25"), LocalDateTime.of(2026, 11, 23, 11, 0), "gift", seq(101)
        }));
        var applier = new TableApplier(spark, 100);

        applier.applyPending(table, () -> false);

        var silver = spark.read().format("hudi").load(table.basePath());
        assertThat(silver.schema().apply("o_amount").dataType()).isEqualTo(DataTypes.createDecimalType(12, 2));
        assertThat(silver.schema().apply("o_entry_d").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(silver.where("o_id = 1").select("o_note").first().getString(0))
                .isEqualTo("gift");
        assertThat(silver.where("o_id = 3").select("o_note").first().isNullAt(0))
                .isTrue();

        var narrowing = dms.changeSchema().add(createStructField("o_note", DataTypes.StringType, true));
        var wide = DataTypes.createStructType(List.of(narrowing.fields())).fields();
        wide[4] = createStructField("o_amount", DataTypes.createDecimalType(14, 4), true);
        var bad = dms.write(
                "2026/11/23/20261123-113200000.parquet",
                DataTypes.createStructType(wide),
                List.<Object[]>of(new Object[] {"U", 3, 1, 30, new BigDecimal("3.1234"), T0, seq(102), null}));

        assertThatThrownBy(() -> applier.applyPending(table, () -> false))
                .isInstanceOf(IncompatibleChangeException.class)
                .hasMessageContaining(
                        "Cannot apply changes to public.orders: column 'o_amount' arrives as decimal(14,4) "
                                + "but the silver table stores decimal(12,2)");
        var checkpoint = new CheckpointStore(spark.sparkContext().hadoopConfiguration()).read(table.basePath());
        assertThat(checkpoint.orElseThrow().lastFile()).isEqualTo("2026/11/23/20261123-113100000.parquet");
        assertThat(applier.pendingFiles(table, checkpoint))
                .extracting(ChangeFile::name)
                .containsExactly("20261123-113200000.parquet");

        Files.delete(bad);
        var droppedKey = DataTypes.createStructType(List.of(
                createStructField("Op", DataTypes.StringType, true),
                createStructField("o_c_id", DataTypes.IntegerType, true),
                createStructField("trx_seq", DataTypes.StringType, true)));
        dms.write("2026/11/23/20261123-113300000.parquet", droppedKey, List.<Object[]>of(new Object[] {"I", 1, seq(103)
        }));

        assertThatThrownBy(() -> applier.applyPending(table, () -> false))
                .isInstanceOf(IncompatibleChangeException.class)
                .hasMessageStartingWith(
                        "Cannot apply changes to public.orders: key column 'o_id' is missing from the change files");
    }

    @Test
    void appliesTheTransformerSqlToEveryBatchAsSeedHudiDoes() {
        var seeded = seededOrders();
        var table = new ApplyTable(
                seeded.table(),
                seeded.changeFolder(),
                seeded.hudi(),
                new TransformerSql(Optional.of("SELECT *, o_c_id * 1000 + o_id AS o_ref FROM <SRC>")));
        dms(table)
                .write(
                        "2026/11/23/20261123-113100000.parquet",
                        List.<Object[]>of(
                                change("U", 101, 1, 1, 10, amount("1.50"), T0),
                                change("D", 102, 2, null, null, null, null),
                                change("I", 103, 5, 2, 50, amount("5.00"), T0)));

        new TableApplier(spark, 100).applyPending(table, () -> false);

        var refs = spark.read().format("hudi").load(table.basePath()).orderBy("o_id").collectAsList().stream()
                .map(row -> row.getAs("o_id") + "=" + row.getAs("o_ref"))
                .toList();
        assertThat(refs).containsExactly("1=10001", "3=null", "4=null", "5=50005");
    }

    @Test
    void namesTheTableWhenTheTransformerSqlIsInvalid() {
        var seeded = seededOrders();
        var table = new ApplyTable(
                seeded.table(),
                seeded.changeFolder(),
                seeded.hudi(),
                new TransformerSql(Optional.of("SELECT no_such_column FROM <SRC>")));
        dms(table)
                .write(
                        "2026/11/23/20261123-113100000.parquet",
                        List.<Object[]>of(change("U", 101, 1, 1, 10, amount("1.50"), T0)));

        assertThatThrownBy(() -> new TableApplier(spark, 100).applyPending(table, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith("Invalid hudi_config.transformer_sql of public.orders: ")
                .hasMessageEndingWith("the SQL must read the batch as <SRC>");
        assertThat(silver(table)).containsExactly("1:1:1.00", "2:1:2.00", "3:1:3.00", "4:1:4.00");
    }

    @Test
    void rejectsAFileThatIsNotADmsChangeFile() {
        var table = seededOrders();
        dms(table)
                .write(
                        "2026/11/23/orders-export.parquet",
                        List.<Object[]>of(change("I", 101, 9, 1, 90, amount("9.00"), T0)));

        assertThatThrownBy(() -> new TableApplier(spark, 100).applyPending(table, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith("Invalid change file name: ")
                .hasMessageEndingWith(
                        "2026/11/23/orders-export.parquet; expected a DMS CDC file yyyyMMdd-HHmmssSSS.parquet "
                                + "(move the file out of the table folder)");
    }

    /**
     * A TRUNCATE reaches the lake only as the protection's marker row (DMS writes nothing for it into the table's
     * folder): another table's marker changes nothing, this table's stops it, unchanged, until a reload seeds it
     * with a handoff after the marker; changes up to that handoff are in the reload already, and a row inserted before
     * the truncate does not come back.
     */
    @Test
    void stopsATableTruncatedAfterItsSeedUntilItIsReloaded() {
        var table = seededOrders();
        var markers = new DmsFixture(spark, Path.of(URI.create(TruncationCheck.markerFolder(table))), MARKER);
        markers.write(
                "2026/11/23/20261123-113050000.parquet",
                List.<Object[]>of(change("I", 150, 1L, "public", "orders_other", T0)));
        var dms = dms(table);
        dms.write(
                "2026/11/23/20261123-113100000.parquet",
                List.<Object[]>of(change("I", 160, 9, 1, 90, amount("9.00"), T0)));
        var applier = new TableApplier(spark, 1);
        applier.applyPending(table, () -> false);
        assertThat(silver(table)).containsExactly("1:1:1.00", "2:1:2.00", "3:1:3.00", "4:1:4.00", "9:1:9.00");

        markers.write(
                "2026/11/23/20261123-113150000.parquet",
                List.<Object[]>of(change("I", 170, 2L, "public", "orders", T0)));
        dms.write(
                "2026/11/23/20261123-113200000.parquet",
                List.<Object[]>of(change("I", 180, 10, 2, 100, amount("10.00"), T0)));

        assertThatThrownBy(() -> applier.applyPending(table, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Cannot apply changes to public.orders: the source table was truncated at 2026-11-23")
                .hasMessageContaining("(marker trx_seq " + seq(170) + " in lakepipe.truncations, after the seed's"
                        + " handoff (none recorded)), and DMS does not replicate TRUNCATE from PostgreSQL")
                .hasMessageContaining("Nothing was applied and the checkpoint is unchanged. Reload the table while CDC"
                        + " runs on: lakepipe tables reload public.orders --identifier <identifier> (on AWS the launcher"
                        + " event {\"identifier\": \"<identifier>\", \"pipeline\": \"jdbc_load\", \"tables\":"
                        + " [\"public.orders\"]})");
        assertThat(silver(table)).containsExactly("1:1:1.00", "2:1:2.00", "3:1:3.00", "4:1:4.00", "9:1:9.00");

        // The reload: the source held only key 2 at the handoff (seq 175), after the truncate and a new insert.
        DmsFixture.seed(
                spark,
                table,
                dms.changeSchema(),
                List.<Object[]>of(change("I", 175, 2, 1, 20, amount("2.50"), T0)),
                Map.of(SeedHudi.SEED_SEQ_METADATA_KEY, seq(175)));
        var resumed = applier.applyPending(table, () -> false);

        assertThat(resumed.batches())
                .as("one file a batch; the first holds only a change before the handoff")
                .hasSize(2);
        assertThat(silver(table)).containsExactly("2:1:2.50", "10:2:10.00");
        var checkpoints = new CheckpointStore(spark.sparkContext().hadoopConfiguration());
        assertThat(checkpoints.newestMetadata(table.basePath(), SeedHudi.SEED_SEQ_METADATA_KEY))
                .as("the apply commits carry the handoff forward: the seed commit is archived one day")
                .contains(
                        new CheckpointStore.CommitValue(checkpoints.lastCompletedInstant(table.basePath()), seq(175)));
    }

    /**
     * The apply's local counterpart of Hudi's Hive sync to Glue: a commit into a warehouse the table did not have
     * registers the partition (Athena and Trino list partitions from the catalog) and records the sync's
     * {@code BatchCreatePartition} on the table, which the access contract checks against the silver role's policy.
     */
    @Test
    void aCommitIntoANewPartitionRegistersItAndRecordsTheGlueCallsOfTheSync() {
        var table = seededOrders();
        var catalog = new LocalCatalog(lake.resolve("catalog"));
        new CommitSync.Local(catalog, AccessLog.NONE).afterCommit(spark, table.hudi());
        var log = lake.resolve("access.jsonl");
        var sync = new CommitSync.Local(catalog, AccessLog.to(log, "silver-instance-profile", "incremental_hudi"));
        var applier = new TableApplier(spark, 100, FileSizing.DEFAULTS, sync);
        var tableArn = AwsArns.glueTable(SeededOrders.HUDI_DATABASE, SeededOrders.HUDI_NAME);
        dms(table)
                .write(
                        "2026/11/23/20261123-113100000.parquet",
                        List.<Object[]>of(change("I", 101, 5, 2, 50, amount("5.00"), T0)));

        applier.applyPending(table, () -> false);
        sync.log().flush();

        assertThat(lake.resolve("catalog/tpcc/lake_public_orders/o_w_id=2/.trinoSchema"))
                .exists();
        assertThat(AccessLog.read(log))
                .filteredOn(access -> access.resource().equals(tableArn))
                .extracting(Access::action)
                .containsExactlyInAnyOrder(
                        "glue:GetTable", "glue:UpdateTable", "glue:GetPartitions", "glue:BatchCreatePartition");
    }

    private ApplyTable seededOrders() {
        return SeededOrders.in(spark, lake);
    }

    private DmsFixture dms(ApplyTable table) {
        return SeededOrders.changes(spark, table);
    }

    private static Object[] withBeforeImage(Object[] change, Integer oldKey) {
        var row = Arrays.copyOf(change, change.length + 1);
        row[change.length] = oldKey;
        return row;
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    private static List<String> silver(ApplyTable table) {
        return spark.read().format("hudi").load(table.basePath()).orderBy("o_id").collectAsList().stream()
                .map(HudiApplyIT::describe)
                .toList();
    }

    private static String describe(Row row) {
        return row.getAs("o_id") + ":" + row.getAs("o_w_id") + ":" + row.getAs("o_amount");
    }
}
