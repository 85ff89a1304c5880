package dev.lakepipe.config;

/** Hudi table type ({@code hudi_config.table_type}); default {@link #COPY_ON_WRITE}. */
public enum TableType {
    COPY_ON_WRITE,
    MERGE_ON_READ
}
