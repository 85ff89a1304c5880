package dev.lakepipe.config;

import java.util.Locale;

/**
 * How the Hudi record key of a table is formed ({@code hudi_config.key_strategy}).
 */
public enum KeyStrategy {
    /** The record key is {@code hudi_config.primary_key} (the source primary key). The default. */
    PRIMARY_KEY,
    /**
     * For tables without a primary key (TPC-C {@code history}): the record key is every source column, in
     * table order (never {@code Op}, {@code trx_seq} or {@code _hoodie_is_deleted}). Two source rows equal in
     * every column are one row in the lake: without a key nothing (not even a DMS delete) can tell them apart.
     */
    ALL_COLUMNS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
