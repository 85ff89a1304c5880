package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.steps.apply.ApplyMetrics;
import dev.lakepipe.steps.apply.ApplyStepOptions;
import dev.lakepipe.steps.apply.ApplyTable;
import dev.lakepipe.steps.apply.ContinuousApplier;
import dev.lakepipe.steps.apply.StatusWriter;
import dev.lakepipe.steps.apply.StopSignal;
import dev.lakepipe.steps.apply.TableApplier;
import dev.lakepipe.steps.catalog.CommitSync;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.TransformerSql;
import dev.lakepipe.steps.metrics.StepMetrics;
import dev.lakepipe.steps.secrets.SecretStore;
import dev.lakepipe.steps.source.SlotWal;
import dev.lakepipe.steps.spark.StepSpark;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.exception.TableNotFoundException;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.SparkUserAppException;
import org.apache.spark.sql.SparkSession;

/**
 * EMR step of {@code incremental_hudi} and {@code continuous_hudi}:
 * {@code --config <snapshot uri> --table <schema.table> [--table ...] --mode incremental|continuous [--stop-at <instant>]
 * [--min-sync-interval-seconds 60] [--max-files-per-batch 200] [--status-dir <uri>]}; continuous mode runs until
 * {@code --stop-at} (or SIGTERM), so that it ends before its execution's timeout.
 * Applies each table's DMS change files to its silver Hudi table (see docs/cdc.md, "Applying changes to Hudi"); the
 * tables of a step group concurrently, each on its own ({@link TableGroupRun}).
 */
public final class HudiApplyStep {

    private static final String STEP = "hudi_apply";

    private HudiApplyStep() {}

    public static void main(String[] args) throws SparkUserAppException {
        StepMain.exit(StepMain.run(STEP, args, HudiApplyStep::run, System.err));
    }

    public static int run(String[] args) {
        var options = ApplyStepOptions.from(StepArgs.parse(STEP, args));
        var stop = options.continuous() ? StopSignal.onTermination() : new StopSignal();
        var tables = options.tables();
        var spark = StepSpark.tablesSession(STEP + " " + String.join(", ", tables), true, tables.size());
        var hadoopConf = spark.sparkContext().hadoopConfiguration();
        var configs = StepConfigs.read(options.config(), hadoopConf);
        var pipeline = options.continuous() ? PipelineType.CONTINUOUS_HUDI : PipelineType.INCREMENTAL_HUDI;
        // Continuous mode runs every table at once: each loops until --stop-at.
        var parallelism = options.continuous() ? tables.size() : TableGroupRun.DEFAULT_PARALLELISM;
        new TableGroupRun(STEP, spark, System.out)
                .run(tables.stream().map(configs::table).toList(), parallelism, stepTable -> {
                    var table = resolve(spark, stepTable);
                    var status = options.statusDir(stepTable).map(dir -> new StatusWriter(hadoopConf, dir));
                    var applier = new TableApplier(
                            spark,
                            options.maxFilesPerBatch(),
                            configs.fileSizing(pipeline),
                            CommitSync.of(LocalCatalog.forLocation(
                                    stepTable.environment().catalog())));
                    var metrics = new ApplyMetrics(
                            stepTable.database().identifier(),
                            applier,
                            hadoopConf,
                            StepMetrics.forEnvironment(stepTable.environment(), Clock.systemUTC()),
                            slotWal(stepTable)::retainedBytes);
                    var loop = new ContinuousApplier(
                            applier, status, Optional.of(metrics), options.minSyncInterval(), Clock.systemUTC());
                    if (options.continuous()) {
                        loop.run(table, stop, options.stopAt().orElseThrow());
                    } else {
                        loop.runOnce(table, stop);
                    }
                });
        spark.stop();
        return 0;
    }

    /** The DMS slot's retained WAL, read with the table's database secret (the Spark user). */
    private static SlotWal slotWal(StepTable stepTable) {
        var secret = SecretStore.forLocation(stepTable.environment().secrets())
                .databaseSecret(stepTable.database().secret());
        return new SlotWal(secret, DmsPostgresSourceSettings.DEFAULT_SLOT_NAME);
    }

    /**
     * The table's change folder ({@code <bronze>/incremental/<source db>/<schema>/<table>}) and its silver table.
     * For {@code key_strategy: all_columns} the record key is the one the silver table was seeded with
     * ({@code hoodie.properties}): every source column at seed time.
     */
    public static ApplyTable resolve(SparkSession spark, StepTable stepTable) {
        var database = SecretStore.forLocation(stepTable.environment().secrets())
                .databaseSecret(stepTable.database().secret())
                .dbname();
        var changeFolder = stepTable.changeFolder(database);
        var basePath = HudiTable.basePath(
                stepTable.environment().silver(), stepTable.database().targetDbName(), stepTable.targetTable());
        var primaryKey = stepTable.step().hudiConfig().primaryKey();
        var keys = stepTable.keyedByAllColumns() ? storedRecordKeys(spark, stepTable, basePath) : primaryKey;
        return new ApplyTable(
                stepTable.qualifiedName(),
                changeFolder,
                stepTable.hudiTable(keys),
                new TransformerSql(stepTable.step().hudiConfig().transformerSql()),
                primaryKey);
    }

    private static List<String> storedRecordKeys(SparkSession spark, StepTable stepTable, String basePath) {
        try {
            var metaClient = HoodieTableMetaClient.builder()
                    .setConf(HadoopFSUtils.getStorageConfWithCopy(
                            spark.sparkContext().hadoopConfiguration()))
                    .setBasePath(basePath)
                    .build();
            return Arrays.asList(
                    metaClient.getTableConfig().getRecordKeyFields().orElse(new String[0]));
        } catch (TableNotFoundException e) {
            throw new LakepipeException(
                    e,
                    "Cannot apply changes to %s: silver table %s does not exist; run jdbc_load and seed_hudi for the table first",
                    stepTable.qualifiedName(),
                    basePath);
        }
    }
}
