package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.TransformerSql;
import java.util.List;

/**
 * Where one table's changes come from and go to.
 *
 * @param table the source table, {@code schema.table}
 * @param changeFolder the DMS folder {@code <bronze>/incremental/<db>/<schema>/<table>/}
 * @param hudi the silver Hudi table, its record key resolved (the primary key, or every source column)
 * @param transformer {@code hudi_config.transformer_sql}, applied to every batch of change rows as seed_hudi applied it
 *     to the full load
 * @param primaryKey the source primary key, whose columns are never NULL in a sound change file; empty when every
 *     source column is the record key ({@code key_strategy: all_columns}), where a NULL key column is a legitimate value
 */
public record ApplyTable(
        String table, String changeFolder, HudiTable hudi, TransformerSql transformer, List<String> primaryKey) {

    public ApplyTable {
        requireNonNull(table, "table is null");
        requireNonNull(changeFolder, "changeFolder is null");
        requireNonNull(hudi, "hudi is null");
        requireNonNull(transformer, "transformer is null");
        primaryKey = List.copyOf(primaryKey);
    }

    /** A table keyed by its primary key. */
    public ApplyTable(String table, String changeFolder, HudiTable hudi, TransformerSql transformer) {
        this(table, changeFolder, hudi, transformer, hudi.recordKeys());
    }

    /** A table keyed by its primary key, without a transformer. */
    public ApplyTable(String table, String changeFolder, HudiTable hudi) {
        this(table, changeFolder, hudi, TransformerSql.none());
    }

    public String basePath() {
        return hudi.basePath();
    }

    public List<String> recordKeys() {
        return hudi.recordKeys();
    }
}
