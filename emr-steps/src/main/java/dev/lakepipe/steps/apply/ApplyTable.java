package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Where one table's changes come from and go to.
 *
 * @param table the source table, {@code schema.table}
 * @param changeFolder the DMS folder {@code <bronze>/incremental/<db>/<schema>/<table>/}
 * @param basePath the silver Hudi table's base path
 * @param hudiTableName {@code hoodie.table.name}
 * @param recordKeys record key columns (the primary key, or the keying rule for tables without one)
 * @param partitionField the partition column, when the table is partitioned
 * @param tableType {@code COPY_ON_WRITE} or {@code MERGE_ON_READ}
 */
public record ApplyTable(
        String table,
        String changeFolder,
        String basePath,
        String hudiTableName,
        List<String> recordKeys,
        Optional<String> partitionField,
        String tableType) {

    public ApplyTable {
        requireNonNull(table, "table is null");
        requireNonNull(changeFolder, "changeFolder is null");
        requireNonNull(basePath, "basePath is null");
        requireNonNull(hudiTableName, "hudiTableName is null");
        recordKeys = List.copyOf(recordKeys);
        requireNonNull(partitionField, "partitionField is null");
        requireNonNull(tableType, "tableType is null");
        if (recordKeys.isEmpty()) {
            throw new IllegalArgumentException("recordKeys is empty for " + table);
        }
    }
}
