package dev.lakepipe.steps.custom;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.StepConfigs;
import dev.lakepipe.steps.catalog.LocalCatalog;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.sql.GlueSql;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a custom step gets: its SparkSession, the runtime snapshot (configs and environment) and its own arguments
 * ({@code entrypoint.args}, parsed as {@code --name value} pairs), plus the lake's names: silver tables by source
 * table, gold tables under {@code <gold>/<glue database>/<table>}.
 */
public record CustomStepContext(String name, SparkSession spark, StepConfigs configs, StepArgs args) {

    /** The ordering column lakepipe adds to gold rows: when the row was computed (its value orders duplicates in one write). */
    public static final String GOLD_UPDATED_AT = "gold_updated_at";

    public CustomStepContext {
        requireNonNull(name, "name is null");
        requireNonNull(spark, "spark is null");
        requireNonNull(configs, "configs is null");
        requireNonNull(args, "args is null");
    }

    public SnapshotEnvironment environment() {
        return configs.snapshot().environment();
    }

    /** The Glue database of the identifier ({@code database::config.target_db_name}); gold tables go there too. */
    public String database() {
        return configs.snapshot().configs().database().targetDbName();
    }

    /** The table prefix of the identifier ({@code database::config.target_table_prefix}). */
    public String tablePrefix() {
        return configs.snapshot().configs().database().targetTablePrefix();
    }

    /**
     * The silver Hudi table of a configured source table ({@code public.order_line}) with its configured primary key;
     * a table keyed by all columns has no configured key, so this throws for it (read it by its catalog name instead).
     */
    public HudiTable silverTable(String qualified) {
        return configs.table(qualified).hudiTable(List.of());
    }

    /** A copy-on-write gold table {@code <gold>/<database>/<name>}, ordered by {@link #GOLD_UPDATED_AT}. */
    public HudiTable goldTable(String name, List<String> recordKeys, List<String> partitionFields) {
        return new HudiTable(
                database(),
                name,
                HudiTable.basePath(environment().gold(), database(), name),
                recordKeys,
                partitionFields,
                HudiTable.TableType.COPY_ON_WRITE,
                GOLD_UPDATED_AT,
                Optional.empty());
    }

    /** Writes (and registers in the catalog) the gold table {@code table}. */
    public GoldTableWriter goldWriter(HudiTable table) {
        return new GoldTableWriter(
                spark, table, LocalCatalog.forLocation(environment().catalog()), "custom step " + name);
    }

    /**
     * Runs Spark SQL over the lake's tables named as on EMR, {@code <glue database>.<table>} ({@code tpcc_lake.tpcc_public_customer}):
     * Glue there, the local catalog here, the same names and refusals in both ({@link GlueSql}).
     */
    public Dataset<Row> sql(String query) {
        return new GlueSql(spark, LocalCatalog.forLocation(environment().catalog()), database()).run(query);
    }
}
