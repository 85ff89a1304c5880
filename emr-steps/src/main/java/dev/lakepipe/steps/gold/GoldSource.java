package dev.lakepipe.steps.gold;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One silver table feeding a denormalized gold table.
 *
 * @param table the configured source table ({@code public.orders}); its silver table comes from the snapshot
 * @param keys its record key columns
 * @param references the gold columns that hold a row's reference to this source, in key order (for the fact source:
 *     its own keys); they must be fact columns or columns of an earlier source
 * @param columns the source columns copied into gold (besides the keys)
 */
record GoldSource(String table, List<String> keys, List<String> references, List<String> columns) {

    GoldSource {
        requireNonNull(table, "table is null");
        keys = List.copyOf(keys);
        references = List.copyOf(references);
        columns = List.copyOf(columns);
        if (keys.isEmpty() || keys.size() != references.size()) {
            throw new IllegalArgumentException("Invalid gold source " + table + ": " + keys
                    + " must be non-empty and match references " + references);
        }
    }
}
