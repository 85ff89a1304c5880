package dev.lakepipe.steps;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.hudi.HudiTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a system step needs about one table, resolved from the runtime snapshot (database config,
 * the table's step config, the environment). Built in one place, {@link StepConfigs}.
 *
 * @param recordKey the configured primary key; empty when every column is the key (tables without a primary key)
 */
public record StepTable(
        String identifier,
        String schema,
        String table,
        Map<String, String> jdbcOptions,
        String secretName,
        String targetDatabase,
        String targetTable,
        List<String> recordKey,
        Optional<String> partitionPath,
        HudiTable.TableType tableType,
        Lake lake) {

    /** The buckets and services of the environment, as URIs ({@code file:///…} locally, {@code s3://…} on AWS). */
    public record Lake(String bronze, String silver, String secrets, String catalog) {
        public Lake {
            requireNonNull(bronze, "bronze is null");
            requireNonNull(silver, "silver is null");
            requireNonNull(secrets, "secrets is null");
            requireNonNull(catalog, "catalog is null");
        }
    }

    public StepTable {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        jdbcOptions = Map.copyOf(jdbcOptions);
        requireNonNull(secretName, "secretName is null");
        requireNonNull(targetDatabase, "targetDatabase is null");
        requireNonNull(targetTable, "targetTable is null");
        recordKey = List.copyOf(recordKey);
        requireNonNull(partitionPath, "partitionPath is null");
        requireNonNull(tableType, "tableType is null");
        requireNonNull(lake, "lake is null");
    }

    public String qualifiedName() {
        return schema + "." + table;
    }

    /** True when the table has no primary key and every source column forms the record key. */
    public boolean keyedByAllColumns() {
        return recordKey.isEmpty();
    }

    /** {@code <bronze>/full/<db>/<schema>/<table>}, {@code <db>} being the source database name. */
    public String bronzeFullLoadPath(String sourceDatabase) {
        return trimSlash(lake.bronze()) + "/full/" + sourceDatabase + "/" + schema + "/" + table;
    }

    /** The silver Hudi table, its record key resolved against the source columns. */
    public HudiTable hudiTable(List<String> sourceColumns) {
        var keys = keyedByAllColumns() ? sourceColumns : recordKey;
        return new HudiTable(targetDatabase, targetTable, HudiTable.basePath(lake.silver(), targetDatabase, targetTable),
                keys, partitionPath.stream().toList(), tableType);
    }

    static String trimSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
