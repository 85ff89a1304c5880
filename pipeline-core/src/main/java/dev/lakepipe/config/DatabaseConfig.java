package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code database::config}: where the source credentials are and how the lake names its tables.
 *
 * @param secret Secrets Manager secret name holding the RDS-style connection JSON
 * @param targetDbName Glue database of the silver tables
 * @param targetTablePrefix prefix of every silver table: {@code <prefix>_<schema>_<table>}
 */
public record DatabaseConfig(String identifier, String secret, String targetDbName, String targetTablePrefix)
        implements ConfigItem {

    public DatabaseConfig {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(targetDbName, "targetDbName is null");
        requireNonNull(targetTablePrefix, "targetTablePrefix is null");
    }

    @Override
    public String key() {
        return DATABASE_KEY;
    }
}
