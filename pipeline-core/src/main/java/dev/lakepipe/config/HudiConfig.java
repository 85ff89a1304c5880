package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code hudi_config} of a system step: how the table's silver Hudi table is keyed, ordered and laid out.
 *
 * @param primaryKey the record key columns when {@code keyStrategy} is {@link KeyStrategy#PRIMARY_KEY}; empty otherwise
 * @param watermark the precombine column: the latest change wins; default {@code trx_seq}
 * @param partitionPath the partition column, present exactly when {@code isPartitioned}
 * @param transformerSql optional Spark SQL applied to each batch, reading the batch as {@code <SRC>}
 * @param overrideTargetTableName replaces the default {@code <prefix>_<schema>_<table>}
 * @param indexType the Hudi index; when absent, {@link IndexType#forKeyShape} chooses it
 */
public record HudiConfig(
        KeyStrategy keyStrategy,
        List<String> primaryKey,
        String watermark,
        boolean isPartitioned,
        Optional<String> partitionPath,
        TableType tableType,
        Optional<String> transformerSql,
        Optional<String> overrideTargetTableName,
        Optional<String> partitionExtractorClass,
        Optional<IndexType> indexType) {

    public static final String DEFAULT_WATERMARK = "trx_seq";

    public HudiConfig {
        requireNonNull(keyStrategy, "keyStrategy is null");
        primaryKey = List.copyOf(primaryKey);
        requireNonNull(watermark, "watermark is null");
        requireNonNull(partitionPath, "partitionPath is null");
        requireNonNull(tableType, "tableType is null");
        requireNonNull(transformerSql, "transformerSql is null");
        requireNonNull(overrideTargetTableName, "overrideTargetTableName is null");
        requireNonNull(partitionExtractorClass, "partitionExtractorClass is null");
        requireNonNull(indexType, "indexType is null");
    }

    /** The index the table's writes use: {@code index_type}, or the default for the key shape. */
    public IndexType index(List<String> recordKeyFields) {
        return indexType.orElseGet(() ->
                IndexType.forKeyShape(recordKeyFields, partitionPath.stream().toList()));
    }

    /**
     * The Hudi record key fields ({@code hoodie.datasource.write.recordkey.field}, comma-joined).
     *
     * @param sourceColumns the table's source columns in table order, without {@code Op}, {@code trx_seq},
     *     {@code _hoodie_is_deleted}; used by {@link KeyStrategy#ALL_COLUMNS}
     */
    public List<String> recordKeyFields(List<String> sourceColumns) {
        return switch (keyStrategy) {
            case PRIMARY_KEY -> primaryKey;
            case ALL_COLUMNS -> List.copyOf(sourceColumns);
        };
    }
}
