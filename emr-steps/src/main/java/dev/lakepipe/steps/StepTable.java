package dev.lakepipe.steps;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.DatabaseConfig;
import dev.lakepipe.config.KeyStrategy;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.config.SystemStepConfig;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.steps.hudi.HudiTable;
import java.util.List;

/**
 * One system table as a step sees it: its step config, the database config and the environment
 * of the runtime snapshot, with the derived names (bronze path, silver Hudi table) in one place.
 */
public record StepTable(
        DatabaseConfig database, SystemStepConfig step, String targetTable, SnapshotEnvironment environment) {

    public StepTable {
        requireNonNull(database, "database is null");
        requireNonNull(step, "step is null");
        requireNonNull(targetTable, "targetTable is null");
        requireNonNull(environment, "environment is null");
    }

    public String schema() {
        return step.table().schema();
    }

    public String table() {
        return step.table().table();
    }

    public String identifier() {
        return step.identifier();
    }

    /** The environment's buckets and services ({@code bronze()}, {@code silver()}, {@code secrets()}, {@code catalog()}). */
    public SnapshotEnvironment lake() {
        return environment;
    }

    /** The secret named in database::config. */
    public String secretName() {
        return database.secret();
    }

    public String qualifiedName() {
        return step.table().qualified();
    }

    /** True when the table has no primary key and every source column forms the record key (docs/configs.md). */
    public boolean keyedByAllColumns() {
        return step.hudiConfig().keyStrategy() == KeyStrategy.ALL_COLUMNS;
    }

    /** {@code <bronze>/full/<db>/<schema>/<table>}, {@code <db>} being the source database name. */
    public String bronzeFullLoadPath(String sourceDatabase) {
        return trimSlash(environment.bronze()) + "/full/" + sourceDatabase + "/" + schema() + "/" + table();
    }

    /** {@code <bronze>/incremental/<db>/<schema>/<table>}: where DMS writes the table's CDC files. */
    public String changeFolder(String sourceDatabase) {
        return trimSlash(environment.bronze()) + "/" + DmsCdcTask.bucketFolder(sourceDatabase) + "/" + schema() + "/"
                + table();
    }

    /** The silver Hudi table, its record key resolved against the source columns (in table order). */
    public HudiTable hudiTable(List<String> sourceColumns) {
        var hudi = step.hudiConfig();
        var database = database().targetDbName();
        var recordKeys = hudi.recordKeyFields(sourceColumns);
        var partitionFields = hudi.partitionPath().stream().toList();
        return new HudiTable(
                database,
                targetTable,
                HudiTable.basePath(environment.silver(), database, targetTable),
                recordKeys,
                partitionFields,
                HudiTable.TableType.valueOf(hudi.tableType().name()),
                hudi.watermark(),
                hudi.partitionExtractorClass(),
                hudi.index(recordKeys));
    }

    static String trimSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
