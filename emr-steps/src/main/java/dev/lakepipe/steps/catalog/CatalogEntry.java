package dev.lakepipe.steps.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakepipe.steps.hudi.HudiTable;
import java.time.Instant;
import java.util.List;

/**
 * One table of the local Glue catalog ({@code $LAKEPIPE_HOME/catalog/<database>/<table>.json}):
 * enough for any Spark session to read the table, and for a person to see how it is keyed.
 *
 * @param sourceTable the source {@code schema.table} of a silver table, what a gold table is built from; may be null
 * @param changeFolder where the DMS CDC files of a silver table's source table arrive
 *     ({@code <bronze>/incremental/<db>/<schema>/<table>}); null for gold tables and entries written before it existed
 */
public record CatalogEntry(
        @JsonProperty("database") String database,
        @JsonProperty("table") String table,
        @JsonProperty("location") String location,
        @JsonProperty("format") String format,
        @JsonProperty("table_type") String tableType,
        @JsonProperty("record_keys") List<String> recordKeys,
        @JsonProperty("partition_fields") List<String> partitionFields,
        @JsonProperty("ordering_field") String orderingField,
        @JsonProperty("source_table") String sourceTable,
        @JsonProperty("change_folder") String changeFolder,
        @JsonProperty("updated_at") String updatedAt) {

    public static final String HUDI = "hudi";

    public CatalogEntry {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(location, "location is null");
        requireNonNull(format, "format is null");
        recordKeys = recordKeys == null ? List.of() : List.copyOf(recordKeys);
        partitionFields = partitionFields == null ? List.of() : List.copyOf(partitionFields);
    }

    /** The entry of a Hudi table, keyed and located as {@code table} says. */
    public static CatalogEntry of(HudiTable table, String sourceTable, String changeFolder, Instant updatedAt) {
        return new CatalogEntry(
                table.database(),
                table.name(),
                table.basePath(),
                HUDI,
                table.tableType().name(),
                table.recordKeys(),
                table.partitionFields(),
                table.orderingField(),
                sourceTable,
                changeFolder,
                updatedAt.toString());
    }
}
