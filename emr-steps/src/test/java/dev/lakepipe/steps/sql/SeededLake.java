package dev.lakepipe.steps.sql;

import static org.apache.spark.sql.types.DataTypes.createStructField;

import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.HudiWriteOptions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.table.timeline.HoodieTimeline;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A catalog with one small silver table, {@code tpcc_public_orders} (o_id key, o_w_id partition), written in three
 * commits: the seed (o_id 1..4), an upsert (o_id 1 changed, o_id 5 new), a delete (o_id 2) whose commit carries an apply
 * checkpoint (last file {@link #LAST_APPLIED_FILE}). The upserts take {@code extraWriteOptions} on top of {@link HudiWriteOptions#upsert}.
 */
final class SeededLake {

    static final String TABLE = "tpcc_public_orders";
    /** The checkpoint of the last commit: a change committed at the source on 2026-11-23 11:30:00 UTC. */
    static final String NEWEST_CHANGE_SEQ = "2026112311300000" + String.format("%019d", 300);
    /** The change file named by the checkpoint of the last commit, relative to {@link #changeFolder()}. */
    static final String LAST_APPLIED_FILE = "2026/11/23/20261123-113000000.parquet";

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            createStructField("o_id", DataTypes.IntegerType, true),
            createStructField("o_w_id", DataTypes.IntegerType, true),
            createStructField("o_amount", DataTypes.createDecimalType(12, 2), true),
            createStructField("o_note", DataTypes.StringType, true),
            createStructField("trx_seq", DataTypes.StringType, true),
            createStructField("_hoodie_is_deleted", DataTypes.BooleanType, true)));

    private final SparkSession spark;
    private final Path home;
    private final HudiTable table;

    SeededLake(SparkSession spark, Path home, Map<String, String> extraWriteOptions) {
        this.spark = spark;
        this.home = home;
        var silver = home.resolve("s3/lakepipe-silver").toUri().toString();
        table = new HudiTable(
                "tpcc_lake",
                TABLE,
                HudiTable.basePath(silver, "tpcc_lake", TABLE),
                List.of("o_id"),
                List.of("o_w_id"),
                HudiTable.TableType.COPY_ON_WRITE,
                "trx_seq",
                Optional.empty());
        var options = HudiWriteOptions.of(table);
        write(
                options.bulkInsert(2, SCHEMA),
                SaveMode.Overwrite,
                row(1, 1, "1.00", "first, \"quoted\"", 100),
                row(2, 1, "2.00", null, 100),
                row(3, 2, "3.00", "x", 100),
                row(4, 2, "4.00", "y", 100));
        var upsert = new HashMap<>(options.upsert(2));
        upsert.putAll(extraWriteOptions);
        write(upsert, SaveMode.Append, row(1, 1, "10.50", "changed", 200), row(5, 1, "5.00", "new", 201));
        var last = new HashMap<>(upsert);
        last.put(
                ApplyCheckpoint.COMMIT_METADATA_KEY,
                new ApplyCheckpoint(LAST_APPLIED_FILE, List.of(LAST_APPLIED_FILE), 1, Optional.of(NEWEST_CHANGE_SEQ))
                        .toJson());
        write(last, SaveMode.Append, deleted(2, 1, 300));
        new LocalCatalog(catalog())
                .put(new CatalogEntry(
                        table.database(),
                        TABLE,
                        table.basePath(),
                        CatalogEntry.HUDI,
                        table.tableType().name(),
                        table.recordKeys(),
                        table.partitionFields(),
                        table.orderingField(),
                        "public.orders",
                        changeFolder().toUri().toString(),
                        "2026-11-23T11:00:00Z"));
    }

    Path catalog() {
        return home.resolve("catalog");
    }

    /** Where the DMS CDC files of public.orders arrive (none written here). */
    Path changeFolder() {
        return home.resolve("s3/lakepipe-bronze/incremental/tpcc/public/orders");
    }

    /** The source columns of public.orders, as in its DMS CDC files. */
    static StructType sourceColumns() {
        return DataTypes.createStructType(Arrays.copyOf(SCHEMA.fields(), 4));
    }

    HudiTable table() {
        return table;
    }

    /** The completed data commit instants (not clustering's replace commits), oldest first. */
    List<String> commits() {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(table.basePath())
                .build()
                .getActiveTimeline()
                .getCommitsTimeline()
                .filterCompletedInstants()
                .getInstantsAsStream()
                .filter(instant -> instant.getAction().equals(HoodieTimeline.COMMIT_ACTION))
                .map(HoodieInstant::getTimestamp)
                .toList();
    }

    private void write(Map<String, String> options, SaveMode mode, Object[]... rows) {
        var data = Arrays.stream(rows).map(RowFactory::create).toList();
        spark.createDataFrame(data, SCHEMA)
                .write()
                .format("hudi")
                .options(options)
                .mode(mode)
                .save(table.basePath());
    }

    private static Object[] row(int id, int warehouse, String amount, String note, long seq) {
        return new Object[] {id, warehouse, new BigDecimal(amount), note, String.format("%035d", seq), false};
    }

    private static Object[] deleted(int id, int warehouse, long seq) {
        return new Object[] {id, warehouse, null, null, String.format("%035d", seq), true};
    }
}
