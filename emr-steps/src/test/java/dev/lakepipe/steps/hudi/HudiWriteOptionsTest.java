package dev.lakepipe.steps.hudi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.FileSizing;
import dev.lakepipe.config.IndexType;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class HudiWriteOptionsTest {

    private static HudiTable table(List<String> keys, List<String> partitions) {
        return new HudiTable(
                "lake",
                "tpcc_public_t",
                "file:///s/lake/tpcc_public_t",
                keys,
                partitions,
                HudiTable.TableType.MERGE_ON_READ,
                "trx_seq",
                Optional.empty());
    }

    @Test
    void keyGeneratorFollowsTheKeyShape() {
        assertThat(HudiWriteOptions.of(table(List.of("id"), List.of())).keyGeneratorClass())
                .isEqualTo("org.apache.hudi.keygen.NonpartitionedKeyGenerator");
        assertThat(HudiWriteOptions.of(table(List.of("a", "b"), List.of())).keyGeneratorClass())
                .isEqualTo("org.apache.hudi.keygen.NonpartitionedKeyGenerator");
        assertThat(HudiWriteOptions.of(table(List.of("id"), List.of("w"))).keyGeneratorClass())
                .isEqualTo("org.apache.hudi.keygen.SimpleKeyGenerator");
        assertThat(HudiWriteOptions.of(table(List.of("a", "b"), List.of("w"))).keyGeneratorClass())
                .isEqualTo("org.apache.hudi.keygen.ComplexKeyGenerator");
    }

    @Test
    void indexFollowsTheKeyShapeUnlessTheConfigNamesOne() {
        assertThat(HudiWriteOptions.of(table(List.of("w", "id"), List.of("w"))).upsert(2))
                .containsEntry("hoodie.index.type", "BLOOM");
        assertThat(HudiWriteOptions.of(table(List.of("id"), List.of("w"))).upsert(2))
                .containsEntry("hoodie.index.type", "GLOBAL_SIMPLE");
        assertThat(HudiWriteOptions.of(table(List.of("w", "id"), List.of("w")).withIndex(IndexType.SIMPLE))
                        .upsert(2))
                .containsEntry("hoodie.index.type", "SIMPLE");
    }

    @Test
    void refusesANonGlobalIndexForAPartitionOutsideTheKey() {
        assertThatThrownBy(() -> table(List.of("id"), List.of("w")).withIndex(IndexType.BLOOM))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid hudi_config.index_type for tpcc_public_t: BLOOM is not global, but the partition"
                        + " column(s) w are not part of the record key, so a row whose partition value changes would be"
                        + " stored twice; use GLOBAL_BLOOM or make the partition column a key column");
    }

    @Test
    void seedAndApplyShareKeysOrderingPayloadAndIndex() {
        var options = HudiWriteOptions.of(table(List.of("a", "b"), List.of("w")));
        var seed = options.bulkInsert(4);
        var apply = options.upsert(4);

        assertThat(seed)
                .containsEntry("hoodie.datasource.write.operation", "bulk_insert")
                .containsEntry("hoodie.datasource.write.recordkey.field", "a,b")
                .containsEntry("hoodie.datasource.write.partitionpath.field", "w")
                .containsEntry("hoodie.datasource.write.precombine.field", "trx_seq")
                .containsEntry("hoodie.payload.ordering.field", "trx_seq")
                .containsEntry("hoodie.datasource.write.payload.class", HudiWriteOptions.PAYLOAD_CLASS)
                .containsEntry("hoodie.datasource.write.table.type", "MERGE_ON_READ")
                .containsEntry("hoodie.datasource.write.hive_style_partitioning", "true")
                .containsEntry("hoodie.index.type", "GLOBAL_SIMPLE")
                .doesNotContainKey("hoodie.datasource.hive_sync.enable");
        assertThat(apply).containsEntry("hoodie.datasource.write.operation", "upsert");
        seed.forEach((key, value) -> {
            if (!key.startsWith("hoodie.bulkinsert")
                    && !key.equals("hoodie.datasource.write.operation")
                    && !key.equals("hoodie.datasource.write.row.writer.enable")
                    && !key.equals("hoodie.combine.before.insert")) {
                assertThat(apply).as(key).containsEntry(key, value);
            }
        });
    }

    @Test
    void upsertSizesClustersAndCleansAsThePipelineSays() {
        var sizing = new FileSizing(
                256, 200, 300, new FileSizing.Clustering(false, 4, 64, 512), new FileSizing.Cleaning(true, 24, 30, 40));

        var options = HudiWriteOptions.of(table(List.of("id"), List.of())).upsert(2, sizing);

        assertThat(options)
                .containsEntry("hoodie.parquet.max.file.size", "268435456")
                .containsEntry("hoodie.parquet.small.file.limit", "209715200")
                .containsEntry("hoodie.copyonwrite.record.size.estimate", "300")
                .containsEntry("hoodie.clustering.inline", "false")
                .containsEntry("hoodie.clustering.inline.max.commits", "4")
                .containsEntry("hoodie.clustering.plan.strategy.small.file.limit", "67108864")
                .containsEntry("hoodie.clustering.plan.strategy.target.file.max.bytes", "536870912")
                .containsEntry("hoodie.datasource.write.row.writer.enable", "false")
                .containsEntry("hoodie.clean.automatic", "true")
                .containsEntry("hoodie.cleaner.commits.retained", "24")
                .containsEntry("hoodie.keep.min.commits", "30")
                .containsEntry("hoodie.keep.max.commits", "40");
        assertThat(HudiWriteOptions.of(table(List.of("id"), List.of())).upsert(2))
                .containsEntry("hoodie.clustering.inline", "true")
                .containsEntry("hoodie.clustering.inline.max.commits", "10")
                .containsEntry("hoodie.parquet.max.file.size", "134217728");
    }

    @Test
    void aMergeOnReadUpsertCompactsAsThePipelineSaysACopyOnWriteOneNever() {
        var mergeOnRead = HudiWriteOptions.of(table(List.of("id"), List.of()));
        var scheduled =
                FileSizing.DEFAULTS.withCompaction(new FileSizing.Compaction(FileSizing.Compaction.Mode.SCHEDULED, 12));

        assertThat(mergeOnRead.upsert(2))
                .containsEntry("hoodie.compact.inline", "true")
                .containsEntry("hoodie.compact.schedule.inline", "false")
                .containsEntry("hoodie.compact.inline.trigger.strategy", "NUM_COMMITS")
                .containsEntry("hoodie.compact.inline.max.delta.commits", "5")
                .containsEntry("hoodie.datasource.compaction.async.enable", "false");
        assertThat(mergeOnRead.upsert(2, scheduled))
                .containsEntry("hoodie.compact.inline", "false")
                .containsEntry("hoodie.compact.schedule.inline", "true")
                .containsEntry("hoodie.compact.inline.max.delta.commits", "12");
        var copyOnWrite = new HudiTable(
                "lake",
                "t",
                "file:///s/lake/t",
                List.of("id"),
                List.of(),
                HudiTable.TableType.COPY_ON_WRITE,
                "trx_seq",
                Optional.empty());
        assertThat(HudiWriteOptions.of(copyOnWrite).upsert(2, scheduled))
                .as("Hudi refuses to compact a copy-on-write table")
                .doesNotContainKeys("hoodie.compact.inline", "hoodie.compact.schedule.inline")
                .containsEntry("hoodie.datasource.write.table.type", "COPY_ON_WRITE");
    }

    @Test
    void hiveSyncNamesTheGlueTable() {
        var options =
                HudiWriteOptions.withHiveSync(table(List.of("id"), List.of())).upsert(2);

        assertThat(options)
                .containsEntry("hoodie.datasource.hive_sync.enable", "true")
                .containsEntry("hoodie.datasource.hive_sync.database", "lake")
                .containsEntry("hoodie.datasource.hive_sync.table", "tpcc_public_t")
                .containsEntry(
                        "hoodie.datasource.hive_sync.partition_extractor_class",
                        "org.apache.hudi.hive.NonPartitionedExtractor")
                .containsEntry("hoodie.index.type", "BLOOM");
    }

    @Test
    void hiveSyncAsksGlueOnlyForThePartitionsTheCommitsSinceTheLastSyncWroteWhenHudiCanPushTheirTypeDown() {
        var options = HudiWriteOptions.withHiveSync(table(List.of("id"), List.of("w_id")));
        var byWarehouse = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, true),
                DataTypes.createStructField("w_id", DataTypes.IntegerType, true)));
        var byTime = DataTypes.createStructType(List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, true),
                DataTypes.createStructField("w_id", DataTypes.TimestampType, true)));

        assertThat(options.upsert(2)).containsEntry("hoodie.meta.sync.incremental", "true");
        assertThat(options.syncPushdown(byWarehouse))
                .containsEntry("hoodie.datasource.hive_sync.filter_pushdown_enabled", "true")
                .containsEntry("hoodie.datasource.hive_sync.filter_pushdown_max_size", "40");
        assertThat(options.syncPushdown(byTime))
                .as("Hudi 0.15 fails the sync of a timestamp pushdown")
                .isEmpty();
        assertThat(HudiWriteOptions.of(table(List.of("id"), List.of("w_id"))).syncPushdown(byWarehouse))
                .isEmpty();
    }

    @Test
    void everyWriteOfALocalTableTakesTheTableLockAndRollsFailedWritesBackLazily() {
        var local = table(List.of("id"), List.of());
        var onS3 = new HudiTable(
                "lake",
                "t",
                "s3://silver/lake/t",
                List.of("id"),
                List.of(),
                HudiTable.TableType.COPY_ON_WRITE,
                "trx_seq",
                Optional.empty());

        for (var options : List.of(
                HudiWriteOptions.of(local).bulkInsert(2),
                HudiWriteOptions.of(local).upsert(2))) {
            assertThat(options)
                    .containsEntry("hoodie.write.concurrency.mode", "optimistic_concurrency_control")
                    .containsEntry("hoodie.cleaner.policy.failed.writes", "LAZY")
                    .containsEntry("hoodie.write.lock.provider", OwnedFileSystemLockProvider.class.getName())
                    .containsEntry(
                            "hoodie.write.lock.conflict.resolution.strategy", TableLevelConflicts.class.getName())
                    .containsEntry("hoodie.write.lock.filesystem.expire", "10")
                    .containsEntry("hoodie.write.lock.client.num_retries", "240")
                    .containsEntry("hoodie.write.lock.client.wait_time_ms_between_retry", "500");
        }
        assertThat(TableLock.lockFile(local.basePath())).isEqualTo("file:///s/lake/tpcc_public_t/.hoodie/lock");
        assertThat(HudiWriteOptions.withHiveSync(onS3).upsert(2))
                .doesNotContainKeys(
                        "hoodie.write.concurrency.mode",
                        "hoodie.write.lock.provider",
                        "hoodie.cleaner.policy.failed.writes");
    }

    @Test
    void aTableNeedsARecordKey() {
        assertThatThrownBy(() -> table(List.of(), List.of()))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid hudi_config for tpcc_public_t: no record key; set hudi_config.primary_key");
    }
}
