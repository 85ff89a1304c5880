package dev.lakepipe.steps.catalog;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.steps.hudi.HudiTable;

/**
 * The Glue calls of Hudi 0.15's Hive sync after one commit, as it runs on EMR: HMS mode through EMR's Glue metastore
 * client, which turns each metastore call into Glue API calls. Glue authorizes each call on the catalog, the database
 * and (for table calls) the table. Per synced table:
 * <ul>
 *   <li>{@code GetDatabase} of {@code default} (the client's start) and of the table's database;</li>
 *   <li>{@code GetTable}, then {@code CreateTable} the first time; {@code UpdateTable} on every commit (the
 *       {@code last_commit_time_sync} property, and new columns);</li>
 *   <li>partitioned: {@code GetPartitions} (the partitions the commits since the last sync wrote, or all of them the
 *       first time), {@code BatchCreatePartition} of the new ones; a column change cascades to the existing partitions
 *       ({@code GetPartitions} of all, {@code UpdatePartition} each).</li>
 * </ul>
 * A merge-on-read table is synced as two tables, {@code <name>_ro} and {@code <name>_rt}. Not recorded here, because
 * the local lake never causes them: {@code UpdatePartition} of a partition whose location moved, and
 * {@code GetPartition}/{@code DeletePartition} of a partition the cleaner emptied (docs/access-contract.md).
 */
public final class HiveSyncCalls {

    private static final String DEFAULT_DATABASE = "default";

    private HiveSyncCalls() {}

    public static void record(AccessLog log, HudiTable table, TrinoMetastore.Registration registration) {
        for (var glueTable : GlueTable.of(table.name(), table.tableType())) {
            recordTable(log, table, glueTable.name(), registration);
        }
    }

    private static void recordTable(
            AccessLog log, HudiTable table, String name, TrinoMetastore.Registration registration) {
        var database = table.database();
        GlueCalls.record(log, "glue:GetDatabase", DEFAULT_DATABASE, null);
        GlueCalls.record(log, "glue:GetDatabase", database, null);
        GlueCalls.record(log, "glue:GetTable", database, name);
        if (registration.tableCreated()) {
            GlueCalls.record(log, "glue:CreateTable", database, name);
        }
        GlueCalls.record(log, "glue:UpdateTable", database, name);
        if (!table.partitioned()) {
            return;
        }
        GlueCalls.record(log, "glue:GetPartitions", database, name);
        if (!registration.addedPartitions().isEmpty()) {
            GlueCalls.record(log, "glue:BatchCreatePartition", database, name);
        }
        if (registration.columnsChanged() && registration.existingPartitions() > 0) {
            GlueCalls.record(log, "glue:UpdatePartition", database, name);
        }
    }
}
