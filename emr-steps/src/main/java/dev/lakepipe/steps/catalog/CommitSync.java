package dev.lakepipe.steps.catalog;

import dev.lakepipe.steps.hudi.HudiTable;
import org.apache.spark.sql.SparkSession;

/**
 * The local Glue sync after a Hudi commit: Trino's metastore gets the table's columns as Hudi reads them now and every
 * partition folder (a partition the metastore lacks reads as no rows). seed_hudi and the gold writer also write the
 * catalog entry ({@link LocalCatalog#put}); each apply commit only needs this.
 */
public final class CommitSync {

    private CommitSync() {}

    public static void afterCommit(SparkSession spark, LocalCatalog catalog, HudiTable table) {
        var schema = spark.read().format("hudi").load(table.basePath()).schema();
        catalog.trino().register(table, schema);
    }
}
