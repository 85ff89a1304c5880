package dev.lakepipe.steps.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hudi write options of the CDC upsert: ordering-aware merge ({@code DefaultHoodieRecordPayload}, precombine
 * and payload ordering field {@code trx_seq}, so an older change never overwrites a newer row, also across
 * runs) and, for partitioned tables, a global index that moves a row whose partition value changes and finds
 * the row of a PK-only delete (whose partition column is NULL).
 */
public final class ApplyWriteOptions {

    static final String PAYLOAD = "org.apache.hudi.common.model.DefaultHoodieRecordPayload";

    private ApplyWriteOptions() {
    }

    public static Map<String, String> upsert(ApplyTable table) {
        var options = new LinkedHashMap<String, String>();
        options.put("hoodie.table.name", table.hudiTableName());
        options.put("hoodie.datasource.write.table.type", table.tableType());
        options.put("hoodie.datasource.write.operation", "upsert");
        options.put("hoodie.datasource.write.recordkey.field", String.join(",", table.recordKeys()));
        options.put("hoodie.datasource.write.precombine.field", ChangeColumns.CHANGE_SEQ);
        options.put("hoodie.payload.ordering.field", ChangeColumns.CHANGE_SEQ);
        options.put("hoodie.datasource.write.payload.class", PAYLOAD);
        options.put("hoodie.compaction.payload.class", PAYLOAD);
        options.put("hoodie.datasource.write.hive_style_partitioning", "true");
        if (table.partitionField().isPresent()) {
            options.put("hoodie.datasource.write.partitionpath.field", table.partitionField().get());
            options.put("hoodie.datasource.write.keygenerator.class", table.recordKeys().size() == 1
                    ? "org.apache.hudi.keygen.SimpleKeyGenerator"
                    : "org.apache.hudi.keygen.ComplexKeyGenerator");
            options.put("hoodie.index.type", "GLOBAL_SIMPLE");
            options.put("hoodie.simple.index.update.partition.path", "true");
        }
        else {
            options.put("hoodie.datasource.write.partitionpath.field", "");
            options.put("hoodie.datasource.write.keygenerator.class", "org.apache.hudi.keygen.NonpartitionedKeyGenerator");
            options.put("hoodie.index.type", "SIMPLE");
        }
        options.put("hoodie.metadata.enable", "false");
        return options;
    }
}
