package dev.lakepipe.plan;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.KeyStrategy;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.config.SystemStepConfig;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.DmsColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spark-submit arguments of an {@code engine: deltastreamer} incremental_hudi step: Hudi's HoodieStreamer
 * from EMR's bundled {@code hudi-utilities-bundle.jar} reading the table's DMS folder with {@code ParquetDFSSource}
 * and {@code AWSDmsTransformer}, merging with {@code DefaultHoodieRecordPayload} ordered by {@code trx_seq}, and
 * the same key generator, index and hive-style partitioning as lakepipe's own writes (emr-steps
 * {@code HudiWriteOptions}), so a table can move between the two engines. It cannot run locally
 * (hudi-utilities is not available here). Unlike {@code HudiApplyStep} it does not turn a primary-key change
 * ({@code BI_<key>}) into a delete of the old key, and it keeps its own checkpoint (file modification time).
 * continuous_hudi refuses the engine: {@code HoodieStreamer --continuous} cannot stop at its execution's stop time.
 */
final class DeltaStreamerCommand {

    static final String STREAMER_CLASS = "org.apache.hudi.utilities.streamer.HoodieStreamer";
    static final String UTILITIES_JAR = "/usr/lib/hudi/hudi-utilities-bundle.jar";

    private DeltaStreamerCommand() {}

    static List<String> args(PipelineConfigs configs, SystemStepConfig step, PipelineType type, PlanContext context) {
        var table = step.table().qualified();
        var environment = context.environment()
                .orElseThrow(() -> cannot(table, "the plan context has no environment (bronze and silver buckets)"));
        var database = context.sourceDatabase()
                .orElseThrow(() -> cannot(table, "the plan context has no source database name"));
        if (type == PipelineType.CONTINUOUS_HUDI) {
            throw cannot(
                    table,
                    "HoodieStreamer --continuous runs until it is killed, so the step would outlive its execution"
                            + " (continuous runs stop before the state machine's timeout and hand over); use engine spark for continuous_hudi,"
                            + " or run this table's deltastreamer with incremental_hudi");
        }
        var hudi = step.hudiConfig();
        if (hudi.keyStrategy() == KeyStrategy.ALL_COLUMNS) {
            throw cannot(
                    table,
                    "key_strategy all_columns needs the table's columns, which the planner does not know; use engine spark");
        }
        var targetDb = configs.database().targetDbName();
        var targetTable = configs.targetTableName(step);
        var keys = String.join(",", hudi.primaryKey());
        var partition = hudi.partitionPath().orElse("");
        var args = StepPlanner.clusterSubmit();
        step.sparkConf(type).forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
        args.addAll(List.of(
                "--class",
                STREAMER_CLASS,
                UTILITIES_JAR,
                "--table-type",
                hudi.tableType().name(),
                "--op",
                "UPSERT",
                "--source-class",
                "org.apache.hudi.utilities.sources.ParquetDFSSource",
                "--source-ordering-field",
                DmsColumns.TRX_SEQ,
                "--transformer-class",
                "org.apache.hudi.utilities.transform.AWSDmsTransformer",
                "--payload-class",
                "org.apache.hudi.common.model.DefaultHoodieRecordPayload",
                "--target-base-path",
                strip(environment.silver()) + "/" + targetDb + "/" + targetTable,
                "--target-table",
                targetTable,
                "--enable-sync",
                "--sync-tool-classes",
                "org.apache.hudi.hive.HiveSyncTool"));
        hoodieConfs(environment, database, step, keys, partition, targetDb, targetTable)
                .forEach((key, value) -> args.addAll(List.of("--hoodie-conf", key + "=" + value)));
        return args;
    }

    private static Map<String, String> hoodieConfs(
            SnapshotEnvironment environment,
            String database,
            SystemStepConfig step,
            String keys,
            String partition,
            String targetDb,
            String targetTable) {
        var partitioned = !partition.isEmpty();
        var confs = new LinkedHashMap<String, String>();
        confs.put(
                "hoodie.streamer.source.dfs.root",
                strip(environment.bronze()) + "/" + DmsCdcTask.bucketFolder(database) + "/"
                        + step.table().schema() + "/" + step.table().table());
        confs.put("hoodie.datasource.write.recordkey.field", keys);
        confs.put("hoodie.datasource.write.partitionpath.field", partition);
        confs.put(
                "hoodie.datasource.write.keygenerator.class",
                keyGenerator(step.hudiConfig().primaryKey().size(), partitioned));
        confs.put("hoodie.datasource.write.hive_style_partitioning", "true");
        confs.put("hoodie.datasource.write.precombine.field", DmsColumns.TRX_SEQ);
        confs.put("hoodie.payload.ordering.field", DmsColumns.TRX_SEQ);
        confs.put(
                "hoodie.index.type",
                step.hudiConfig().index(step.hudiConfig().primaryKey()).name());
        confs.put("hoodie.simple.index.update.partition.path", "true");
        confs.put("hoodie.bloom.index.update.partition.path", "true");
        confs.put("hoodie.datasource.hive_sync.mode", "hms");
        confs.put("hoodie.datasource.hive_sync.database", targetDb);
        confs.put("hoodie.datasource.hive_sync.table", targetTable);
        confs.put("hoodie.datasource.hive_sync.partition_fields", partition);
        confs.put(
                "hoodie.datasource.hive_sync.partition_extractor_class",
                partitioned
                        ? step.hudiConfig()
                                .partitionExtractorClass()
                                .orElse("org.apache.hudi.hive.MultiPartKeysValueExtractor")
                        : "org.apache.hudi.hive.NonPartitionedExtractor");
        // The partition columns' types are unknown when planning, so no pushdown (HudiOnEmr.GLUE_SYNC_PUSHDOWN).
        confs.putAll(HudiOnEmr.GLUE_SYNC_INCREMENTAL);
        return confs;
    }

    /** Same choice as emr-steps' HudiWriteOptions: the key format is persisted, so both engines must agree. */
    private static String keyGenerator(int keyCount, boolean partitioned) {
        if (!partitioned) {
            return "org.apache.hudi.keygen.NonpartitionedKeyGenerator";
        }
        return keyCount == 1
                ? "org.apache.hudi.keygen.SimpleKeyGenerator"
                : "org.apache.hudi.keygen.ComplexKeyGenerator";
    }

    private static String strip(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static LakepipeException cannot(String table, String reason) {
        return new LakepipeException("Cannot plan the deltastreamer step of %s: %s", table, reason);
    }
}
