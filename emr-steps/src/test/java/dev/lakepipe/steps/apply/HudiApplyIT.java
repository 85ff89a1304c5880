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
import dev.lakepipe.steps.hudi.Compactor;
import dev.lakepipe.steps.hudi.HudiTable;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hudi.common.model.HoodieCommitMetadata;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieActiveTimeline;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
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

    /**
     * A merge-on-read table, compacted inline every 3 delta commits, one file a batch: updates, a delete, an insert and a
     * key change land in log files and read back merged (the snapshot view verify and gold read); the seed's delta commit
     * and the two batches' trigger a compaction, after which the read-optimized view (base files only, Athena's
     * {@code _ro}) shows the same rows. The checkpoint rides on the delta commits. Gold's incremental read
     * gets each changed row's current values and the delta commits count the deletes it checks for. The catalog gets the
     * two tables Hudi's sync creates in Glue, {@code _ro} and {@code _rt}, and the sync's Glue calls on both.
     */
    @Test
    void mergeOnReadAppliesEveryKindOfChangeAndCompactsInlineEveryNDeltaCommits() throws Exception {
        var table = SeededOrders.in(spark, lake, HudiTable.TableType.MERGE_ON_READ);
        var seedInstant = checkpoints().lastCompletedInstant(table.basePath());
        var dms = dms(table);
        dms.write(
                "2026/11/23/20261123-113100000.parquet",
                List.<Object[]>of(
                        change("U", 101, 1, 1, 10, amount("1.50"), T0),
                        change("D", 102, 2, null, null, null, null),
                        change("I", 103, 5, 2, 50, amount("5.00"), T0)));
        var withBeforeImage = dms.changeSchema().add(createStructField("BI_o_id", DataTypes.IntegerType, true));
        dms.write(
                "2026/11/23/20261123-113200000.parquet",
                withBeforeImage,
                List.<Object[]>of(
                        withBeforeImage(change("U", 104, 7, 1, 30, amount("7.00"), T0), 3),
                        withBeforeImage(change("U", 105, 4, 1, 40, amount("4.40"), T0), 4)));
        var catalog = new LocalCatalog(lake.resolve("catalog"));
        var log = lake.resolve("access.jsonl");
        var sync = new CommitSync.Local(catalog, AccessLog.to(log, "silver-instance-profile", "incremental_hudi"));

        var result = new TableApplier(spark, 1, compactingEvery(FileSizing.Compaction.Mode.INLINE, 3), sync)
                .applyPending(table, () -> false);
        sync.log().flush();

        var expected = List.of("1:1:1.50", "4:1:4.40", "5:2:5.00", "7:1:7.00");
        assertThat(result.batches()).hasSize(2);
        assertThat(silver(table)).containsExactlyElementsOf(expected);
        var timeline = timeline(table);
        assertThat(timeline.getDeltaCommitTimeline().filterCompletedInstants().countInstants())
                .isEqualTo(3);
        assertThat(completedCompactions(table)).hasSize(1);
        assertThat(timeline.filterPendingCompactionTimeline().countInstants()).isZero();
        assertThat(readOptimized(table)).containsExactlyElementsOf(expected);
        try (var files = Files.walk(Path.of(URI.create(table.basePath())))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("delta commits write log files")
                    .anyMatch(name -> name.contains(".log."));
        }
        var checkpoint = checkpoints().read(table.basePath()).orElseThrow();
        assertThat(checkpoint.lastFile()).isEqualTo("2026/11/23/20261123-113200000.parquet");
        assertThat(checkpoint.appliedFilesTotal()).isEqualTo(2);
        assertThat(result.batches().get(1).instant())
                .as("the batch's instant is its delta commit, not the compaction after it")
                .isEqualTo(timeline.getDeltaCommitTimeline()
                        .filterCompletedInstants()
                        .lastInstant()
                        .get()
                        .getTimestamp());

        assertThat(changesSince(table, seedInstant))
                .as("gold's incremental read: the changed rows' current values, deleted rows absent")
                .containsExactlyElementsOf(expected);
        assertThat(deletesAfter(table, seedInstant))
                .as("the deletes gold looks for: key 2 and the old key 3")
                .isEqualTo(2);

        var schemas = lake.resolve("catalog/tpcc");
        assertThat(schemas.resolve("lake_public_orders")).doesNotExist();
        assertThat(Files.readString(schemas.resolve("lake_public_orders_ro/.trinoSchema")))
                .contains("\"org.apache.hudi.hadoop.HoodieParquetInputFormat\"")
                .contains("\"hoodie.query.as.ro.table\" : \"true\"");
        assertThat(Files.readString(schemas.resolve("lake_public_orders_rt/.trinoSchema")))
                .contains("\"org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat\"")
                .contains("\"hoodie.query.as.ro.table\" : \"false\"");
        assertThat(schemas.resolve("lake_public_orders_rt/o_w_id=2/.trinoSchema"))
                .exists();
        assertThat(AccessLog.read(log))
                .filteredOn(access -> access.action().equals("glue:BatchCreatePartition")
                        && access.resource().contains(":table/"))
                .extracting(Access::resource)
                .containsExactlyInAnyOrder(
                        AwsArns.glueTable(SeededOrders.HUDI_DATABASE, SeededOrders.HUDI_NAME + "_ro"),
                        AwsArns.glueTable(SeededOrders.HUDI_DATABASE, SeededOrders.HUDI_NAME + "_rt"));
    }

    /**
     * {@code compaction.mode: scheduled}: the delta commits only plan a compaction (none while one is pending) and the cycle
     * runs it once its batches committed; a cycle that stops leaves the plan pending, as a run killed after its last delta
     * commit does, and the next cycle runs it, applying nothing twice. A change committed after the plan stays in a log
     * file: the snapshot view shows it, the read-optimized view only after the next compaction. A config that names the
     * other table type is refused before anything is applied.
     */
    @Test
    void mergeOnReadScheduledCompactionRunsAfterTheCycleAndALeftPlanInTheNextCycle() {
        var table = SeededOrders.in(spark, lake, HudiTable.TableType.MERGE_ON_READ);
        var dms = dms(table);
        dms.write(
                "2026/11/23/20261123-113100000.parquet",
                List.<Object[]>of(change("U", 101, 1, 1, 10, amount("1.50"), T0)));
        dms.write(
                "2026/11/23/20261123-113200000.parquet",
                List.<Object[]>of(change("D", 102, 2, null, null, null, null)));
        var seedInstant = checkpoints().lastCompletedInstant(table.basePath());
        var applier = new TableApplier(spark, 1, compactingEvery(FileSizing.Compaction.Mode.SCHEDULED, 1));
        var batches = new AtomicInteger();
        var hudi = table.hudi();
        var configuredAsCopyOnWrite = new ApplyTable(
                table.table(),
                table.changeFolder(),
                new HudiTable(
                        hudi.database(),
                        hudi.name(),
                        hudi.basePath(),
                        hudi.recordKeys(),
                        hudi.partitionFields(),
                        HudiTable.TableType.COPY_ON_WRITE,
                        hudi.orderingField(),
                        hudi.partitionExtractorClass(),
                        hudi.index()));

        assertThatThrownBy(() -> applier.applyPending(configuredAsCopyOnWrite, () -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Cannot apply changes to public.orders: hudi_config.table_type is COPY_ON_WRITE,"
                                + " but silver table " + table.basePath() + " was seeded as MERGE_ON_READ");

        var stopped = applier.applyPending(table, () -> batches.getAndIncrement() >= 1);

        assertThat(stopped.batches()).hasSize(1);
        assertThat(completedCompactions(table)).isEmpty();
        assertThat(new Compactor(spark).pending(table.basePath())).hasSize(1);
        assertThat(silver(table)).containsExactly("1:1:1.50", "2:1:2.00", "3:1:3.00", "4:1:4.00");
        assertThat(changesSince(table, seedInstant))
                .as("gold's incremental read while a compaction is pending")
                .containsExactly("1:1:1.50");

        var next = applier.applyPending(table, () -> false);

        assertThat(next.batches()).hasSize(1);
        assertThat(new Compactor(spark).pending(table.basePath())).isEmpty();
        assertThat(completedCompactions(table)).hasSize(1);
        assertThat(silver(table)).containsExactly("1:1:1.50", "3:1:3.00", "4:1:4.00");
        assertThat(readOptimized(table)).containsExactly("1:1:1.50", "2:1:2.00", "3:1:3.00", "4:1:4.00");
        assertThat(checkpoints().read(table.basePath()).orElseThrow().appliedFilesTotal())
                .isEqualTo(2);
    }

    private static FileSizing compactingEvery(FileSizing.Compaction.Mode mode, int deltaCommits) {
        return FileSizing.DEFAULTS.withCompaction(new FileSizing.Compaction(mode, deltaCommits));
    }

    private static CheckpointStore checkpoints() {
        return new CheckpointStore(spark.sparkContext().hadoopConfiguration());
    }

    private static HoodieActiveTimeline timeline(ApplyTable table) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(table.basePath())
                .build()
                .getActiveTimeline();
    }

    /** On a merge-on-read table a commit (not a delta commit) is a compaction. */
    private static List<String> completedCompactions(ApplyTable table) {
        return timeline(table).getCommitTimeline().filterCompletedInstants().getInstants().stream()
                .map(HoodieInstant::getTimestamp)
                .toList();
    }

    private static long deletesAfter(ApplyTable table, String begin) throws Exception {
        var deltaCommits = timeline(table).getDeltaCommitTimeline().filterCompletedInstants();
        long deletes = 0;
        for (var instant : deltaCommits.findInstantsAfter(begin).getInstants()) {
            deletes += HoodieCommitMetadata.fromBytes(
                            deltaCommits.getInstantDetails(instant).get(), HoodieCommitMetadata.class)
                    .getTotalRecordsDeleted();
        }
        return deletes;
    }

    private static List<String> readOptimized(ApplyTable table) {
        return read(table, Map.of("hoodie.datasource.query.type", "read_optimized"));
    }

    private static List<String> changesSince(ApplyTable table, String begin) {
        return read(
                table,
                Map.of(
                        "hoodie.datasource.query.type",
                        "incremental",
                        "hoodie.datasource.read.begin.instanttime",
                        begin));
    }

    private static List<String> read(ApplyTable table, Map<String, String> options) {
        return spark
                .read()
                .format("hudi")
                .options(options)
                .load(table.basePath())
                .orderBy("o_id")
                .collectAsList()
                .stream()
                .map(HudiApplyIT::describe)
                .toList();
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
