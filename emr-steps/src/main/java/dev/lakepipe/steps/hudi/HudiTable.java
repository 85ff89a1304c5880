package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.IndexType;
import dev.lakepipe.dms.DmsColumns;
import java.util.List;
import java.util.Optional;

/**
 * A silver Hudi table as resolved from a table's {@code hudi_config} and the database config:
 * where it lives and how its records are keyed.
 *
 * @param database the Glue (catalog) database
 * @param name the target table name, {@code <prefix>_<schema>_<table>} unless overridden
 * @param basePath the table's base path, {@code <silver>/<database>/<name>}
 * @param recordKeys record key columns, in key order (never empty)
 * @param partitionFields partition path columns; empty for a non-partitioned table
 * @param orderingField the precombine / ordering column ({@code hudi_config.watermark}, default {@code trx_seq})
 * @param partitionExtractorClass the Hive sync partition extractor, when the config names one
 * @param index the index its upserts look records up with; never a non-global one when a partition column is not a key
 *     column ({@link IndexType#problem})
 */
public record HudiTable(
        String database,
        String name,
        String basePath,
        List<String> recordKeys,
        List<String> partitionFields,
        TableType tableType,
        String orderingField,
        Optional<String> partitionExtractorClass,
        IndexType index) {

    public enum TableType {
        COPY_ON_WRITE,
        MERGE_ON_READ
    }

    public HudiTable {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(basePath, "basePath is null");
        recordKeys = List.copyOf(recordKeys);
        partitionFields = List.copyOf(partitionFields);
        requireNonNull(tableType, "tableType is null");
        requireNonNull(orderingField, "orderingField is null");
        requireNonNull(partitionExtractorClass, "partitionExtractorClass is null");
        if (recordKeys.isEmpty()) {
            throw new LakepipeException("Invalid hudi_config for %s: no record key; set hudi_config.primary_key", name);
        }
        requireNonNull(index, "index is null");
        var indexProblem = IndexType.problem(index, recordKeys, partitionFields);
        if (indexProblem.isPresent()) {
            throw new LakepipeException("Invalid hudi_config.index_type for %s: %s", name, indexProblem.get());
        }
    }

    /** A table with the index its key shape chooses ({@link IndexType#forKeyShape}). */
    public HudiTable(
            String database,
            String name,
            String basePath,
            List<String> recordKeys,
            List<String> partitionFields,
            TableType tableType,
            String orderingField,
            Optional<String> partitionExtractorClass) {
        this(
                database,
                name,
                basePath,
                recordKeys,
                partitionFields,
                tableType,
                orderingField,
                partitionExtractorClass,
                IndexType.forKeyShape(recordKeys, partitionFields));
    }

    /** This table with another index. */
    public HudiTable withIndex(IndexType newIndex) {
        return new HudiTable(
                database,
                name,
                basePath,
                recordKeys,
                partitionFields,
                tableType,
                orderingField,
                partitionExtractorClass,
                newIndex);
    }

    /** A table ordered by {@code trx_seq}, with the default partition extractor. */
    public HudiTable(
            String database,
            String name,
            String basePath,
            List<String> recordKeys,
            List<String> partitionFields,
            TableType tableType) {
        this(database, name, basePath, recordKeys, partitionFields, tableType, DmsColumns.TRX_SEQ, Optional.empty());
    }

    public boolean partitioned() {
        return !partitionFields.isEmpty();
    }

    /** {@code <silver>/<database>/<name>}, without a doubled slash. */
    public static String basePath(String silver, String database, String name) {
        var root = silver.endsWith("/") ? silver.substring(0, silver.length() - 1) : silver;
        return root + "/" + database + "/" + name;
    }
}
