package dev.lakepipe.steps.catalog;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Makes the local catalog's tables queryable in a SparkSession: one temporary view per entry, named
 * by the table (target names are already unique: {@code <prefix>_<schema>_<table>}). Path-based,
 * so no Hive metastore and no Hudi catalog DDL (broken on Spark ≥ 3.5.2 with Hudi 0.15) is involved.
 */
public final class CatalogViews {

    private CatalogViews() {}

    /** Registers every entry of {@code catalog} under its Glue names ({@link GlueTable}); returns the view names. */
    public static List<String> registerAll(SparkSession spark, LocalCatalog catalog) {
        return catalog.entries().stream()
                .flatMap(entry -> GlueTable.of(entry).stream()
                        .map(table -> register(spark, entry, table.readOptions(), table.name())))
                .toList();
    }

    public static String register(SparkSession spark, CatalogEntry entry) {
        return register(spark, entry, Map.of());
    }

    /** Registers {@code entry} read with {@code options} (e.g. Hudi time travel); returns the view name. */
    public static String register(SparkSession spark, CatalogEntry entry, Map<String, String> options) {
        return register(spark, entry, options, entry.table());
    }

    /** Registers {@code entry} as the view {@code view}, one name part even with a dot in it ({@code db.table}); returns it. */
    public static String register(SparkSession spark, CatalogEntry entry, Map<String, String> options, String view) {
        spark.read()
                .format(entry.format())
                .options(options)
                .load(entry.location())
                .createOrReplaceTempView("`" + view.replace("`", "``") + "`");
        return view;
    }
}
