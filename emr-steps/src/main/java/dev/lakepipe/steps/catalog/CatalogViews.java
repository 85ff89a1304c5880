package dev.lakepipe.steps.catalog;

import dev.lakepipe.steps.hudi.HudiTable;
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

    /** Registers every entry of {@code catalog} under its Glue names ({@link #glueTables}); returns the view names. */
    public static List<String> registerAll(SparkSession spark, LocalCatalog catalog) {
        return catalog.entries().stream()
                .flatMap(entry -> glueTables(entry).stream()
                        .map(table -> register(spark, entry, table.readOptions(), table.name())))
                .toList();
    }

    /**
     * A table Hudi's sync creates in Glue for a lake table, and the Hudi read options of what it shows.
     *
     * @param readOptimized whether it reads the base files only (a merge-on-read table's {@code _ro}: the rows as of each
     *     file group's last compaction)
     */
    public record GlueTable(String name, boolean readOptimized) {
        public Map<String, String> readOptions() {
            return readOptimized ? Map.of("hoodie.datasource.query.type", "read_optimized") : Map.of();
        }
    }

    /**
     * The Glue tables of {@code entry}: a copy-on-write (or non-Hudi) table under its own name; a merge-on-read table as
     * Hudi's sync names it, {@code <name>_ro} (read-optimized) and {@code <name>_rt} (snapshot), never {@code <name>}.
     */
    public static List<GlueTable> glueTables(CatalogEntry entry) {
        if (HudiTable.TableType.MERGE_ON_READ.name().equals(entry.tableType())) {
            return List.of(new GlueTable(entry.table() + "_ro", true), new GlueTable(entry.table() + "_rt", false));
        }
        return List.of(new GlueTable(entry.table(), false));
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
