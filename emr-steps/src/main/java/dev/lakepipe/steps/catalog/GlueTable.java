package dev.lakepipe.steps.catalog;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.hudi.HudiTable;
import java.util.List;
import java.util.Map;

/**
 * A catalog table over a Hudi table as Hudi 0.15's Hive sync creates it in Glue: a copy-on-write table under its own
 * name with Hudi's input format; a merge-on-read table as two (the sync's default strategy), the read-optimized view
 * {@code <name>_ro} (base files only: each file group as of its last compaction; Hudi's input format) and the snapshot
 * view {@code <name>_rt} (base files merged with the log files; Hudi's realtime input format), and never as
 * {@code <name>}. The local metastore ({@link TrinoMetastore}), the sync's recorded Glue calls ({@link HiveSyncCalls})
 * and the Spark SQL views ({@link CatalogViews}) all take the names from here.
 *
 * @param readOptimized whether it reads the base files only (the serde property {@code hoodie.query.as.ro.table})
 */
public record GlueTable(String name, boolean readOptimized, String inputFormat) {

    static final String HUDI_INPUT_FORMAT = "org.apache.hudi.hadoop.HoodieParquetInputFormat";
    static final String HUDI_REALTIME_INPUT_FORMAT = "org.apache.hudi.hadoop.realtime.HoodieParquetRealtimeInputFormat";

    public GlueTable {
        requireNonNull(name, "name is null");
        requireNonNull(inputFormat, "inputFormat is null");
    }

    /** The Glue tables of the lake table {@code name} of type {@code type}. */
    public static List<GlueTable> of(String name, HudiTable.TableType type) {
        if (type == HudiTable.TableType.MERGE_ON_READ) {
            return List.of(
                    new GlueTable(name + "_ro", true, HUDI_INPUT_FORMAT),
                    new GlueTable(name + "_rt", false, HUDI_REALTIME_INPUT_FORMAT));
        }
        return List.of(new GlueTable(name, false, HUDI_INPUT_FORMAT));
    }

    /** The Glue tables of a catalog entry; an entry without a table type is a copy-on-write table (gold, older entries). */
    public static List<GlueTable> of(CatalogEntry entry) {
        var type = entry.tableType() == null
                ? HudiTable.TableType.COPY_ON_WRITE
                : HudiTable.TableType.valueOf(entry.tableType());
        return of(entry.table(), type);
    }

    /** The Hudi read options of what this table shows. */
    public Map<String, String> readOptions() {
        return readOptimized ? Map.of("hoodie.datasource.query.type", "read_optimized") : Map.of();
    }
}
