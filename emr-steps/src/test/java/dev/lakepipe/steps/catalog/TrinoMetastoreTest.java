package dev.lakepipe.steps.catalog;

import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.sqlclient.SnapshotTables;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Trino file metastore files a commit writes (Trino reading them: local CdcEndToEndIT). */
class TrinoMetastoreTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            createStructField("_hoodie_commit_time", DataTypes.StringType, true),
            createStructField("o_id", DataTypes.IntegerType, true),
            createStructField("o_w_id", DataTypes.IntegerType, true),
            createStructField("o_amount", DataTypes.createDecimalType(12, 2), true),
            createStructField("o_entry_d", DataTypes.TimestampType, true),
            createStructField("_hoodie_is_deleted", DataTypes.BooleanType, true)));

    @TempDir
    Path dir;

    @Test
    void registersAHudiTableAndEveryPartitionFolder() throws IOException {
        var base = dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        partition(base, "o_w_id=1");
        partition(base, "o_w_id=2");
        var metastore = new TrinoMetastore(dir.resolve("catalog"));

        metastore.register(table(base, List.of("o_w_id")), SCHEMA);
        partition(base, "o_w_id=3");
        metastore.register(table(base, List.of("o_w_id")), SCHEMA);

        var tableDir = dir.resolve("catalog/tpcc_lake/tpcc_public_orders");
        assertThat(dir.resolve("catalog/.tpcc_lake.trinoSchema")).exists();
        var table = read(tableDir.resolve(".trinoSchema"));
        assertThat(table.path("tableType").asText()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.path("originalStorageFormat").path("inputFormat").asText())
                .as("a Hudi table, never plain Parquet (which would show old file versions and deleted rows)")
                .isEqualTo("org.apache.hudi.hadoop.HoodieParquetInputFormat");
        assertThat(table.path("externalLocation").asText()).isEqualTo("local://" + base);
        assertThat(table.path("dataColumns").findValuesAsText("name"))
                .containsExactly("_hoodie_commit_time", "o_id", "o_amount", "o_entry_d", "_hoodie_is_deleted");
        assertThat(table.path("dataColumns").findValuesAsText("type"))
                .containsExactly("string", "int", "decimal(12,2)", "timestamp", "boolean");
        assertThat(table.path("partitionColumns").findValuesAsText("name")).containsExactly("o_w_id");
        assertThat(table.path("partitionColumns").findValuesAsText("type")).containsExactly("int");
        for (var partition : List.of("o_w_id=1", "o_w_id=2", "o_w_id=3")) {
            var metadata = read(tableDir.resolve(partition).resolve(".trinoSchema"));
            assertThat(metadata.path("externalLocation").asText()).isEqualTo("local://" + base.resolve(partition));
            assertThat(metadata.path("originalStorageFormat")
                            .path("inputFormat")
                            .asText())
                    .isEqualTo("org.apache.hudi.hadoop.HoodieParquetInputFormat");
        }
    }

    @Test
    void registersAMergeOnReadTableAsItsReadOptimizedAndSnapshotViewsAsHudisSyncDoes() throws IOException {
        var base = dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        partition(base, "o_w_id=1");
        var orders = new HudiTable(
                "tpcc_lake",
                "tpcc_public_orders",
                base.toUri().toString(),
                List.of("o_id"),
                List.of("o_w_id"),
                HudiTable.TableType.MERGE_ON_READ,
                "trx_seq",
                Optional.empty());

        var registration = new TrinoMetastore(dir.resolve("catalog")).register(orders, SCHEMA);

        assertThat(registration.tableCreated()).isTrue();
        assertThat(registration.addedPartitions()).containsExactly("o_w_id=1");
        var database = dir.resolve("catalog/tpcc_lake");
        assertThat(database.resolve("tpcc_public_orders")).doesNotExist();
        var views = Map.of(
                "tpcc_public_orders_ro", List.of("org.apache.hudi.hadoop.HoodieParquetInputFormat", "true"),
                "tpcc_public_orders_rt",
                        List.of("org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat", "false"));
        for (var view : views.entrySet()) {
            var table = read(database.resolve(view.getKey()).resolve(".trinoSchema"));
            assertThat(table.path("originalStorageFormat").path("inputFormat").asText())
                    .isEqualTo(view.getValue().get(0));
            assertThat(table.path("serdeParameters")
                            .path("hoodie.query.as.ro.table")
                            .asText())
                    .isEqualTo(view.getValue().get(1));
            assertThat(table.path("externalLocation").asText()).isEqualTo("local://" + base);
            assertThat(read(database.resolve(view.getKey()).resolve("o_w_id=1/.trinoSchema"))
                            .path("originalStorageFormat")
                            .path("inputFormat")
                            .asText())
                    .isEqualTo(view.getValue().get(0));
        }
        assertThat(new SnapshotTables(dir.resolve("catalog"))
                        .named("select * from tpcc_public_orders_rt natural join tpcc_lake.tpcc_public_orders_ro"))
                .as("lakepipe sql's warning that Trino reads the snapshot as read-optimized")
                .containsExactly("tpcc_lake.tpcc_public_orders_rt");
    }

    @Test
    void reportsWhatEachRegistrationChangedAsAMetastoreSyncWouldSeeIt() throws IOException {
        var base = dir.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_orders");
        partition(base, "o_w_id=1");
        var metastore = new TrinoMetastore(dir.resolve("catalog"));
        var orders = table(base, List.of("o_w_id"));

        var first = metastore.register(orders, SCHEMA);
        var unchanged = metastore.register(orders, SCHEMA);
        partition(base, "o_w_id=2");
        partition(base, "o_w_id=3");
        var newWarehouses = metastore.register(orders, SCHEMA);
        var newColumn =
                metastore.register(orders, SCHEMA.add(createStructField("o_carrier_id", DataTypes.IntegerType, true)));

        assertThat(first).isEqualTo(new TrinoMetastore.Registration(true, false, List.of("o_w_id=1"), 0));
        assertThat(unchanged).isEqualTo(new TrinoMetastore.Registration(false, false, List.of(), 1));
        assertThat(newWarehouses)
                .isEqualTo(new TrinoMetastore.Registration(false, false, List.of("o_w_id=2", "o_w_id=3"), 1));
        assertThat(newColumn).isEqualTo(new TrinoMetastore.Registration(false, true, List.of(), 3));
    }

    @Test
    void namesPartitionsOfNonHiveStyleFoldersByTheirField() throws IOException {
        var base = dir.resolve("table");
        partition(base, "7");
        Files.createDirectories(base.resolve(".hoodie/metadata"));

        var partitions = TrinoMetastore.partitions(table(base, List.of("o_w_id")), base);

        assertThat(partitions).extracting(TrinoMetastore.Partition::name).containsExactly("o_w_id=7");
    }

    @Test
    void refusesAPartitionFieldThatIsNoColumn() {
        var base = dir.resolve("table");

        assertThatThrownBy(() ->
                        new TrinoMetastore(dir.resolve("catalog")).register(table(base, List.of("o_d_id")), SCHEMA))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid table tpcc_lake.tpcc_public_orders: partition field o_d_id is not a column of the"
                        + " table");
    }

    private static HudiTable table(Path base, List<String> partitionFields) {
        return new HudiTable(
                "tpcc_lake",
                "tpcc_public_orders",
                base.toUri().toString(),
                List.of("o_id"),
                partitionFields,
                HudiTable.TableType.COPY_ON_WRITE,
                "trx_seq",
                Optional.empty());
    }

    private static void partition(Path base, String folder) throws IOException {
        Files.createDirectories(base.resolve(folder));
        Files.writeString(base.resolve(folder).resolve(".hoodie_partition_metadata"), "#partition metadata\n");
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }
}
