package dev.lakepipe.steps.gold;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A gold table that is a fact source left-joined to dimension sources: one gold row per fact row, keyed and
 * partitioned like it, with the fact's columns followed by each dimension's columns (NULL while the referenced row
 * is missing). Dimensions join in order, so a reference may use a column of an earlier dimension.
 */
record DenormalizedTable(String name, GoldSource fact, List<GoldSource> dimensions, List<String> partitionFields) {

    DenormalizedTable {
        requireNonNull(name, "name is null");
        requireNonNull(fact, "fact is null");
        dimensions = List.copyOf(dimensions);
        partitionFields = List.copyOf(partitionFields);
        if (!fact.keys().equals(fact.references())) {
            throw new IllegalArgumentException("Invalid fact source " + fact.table() + ": references must be its keys");
        }
    }

    List<String> factColumns() {
        return Stream.concat(fact.keys().stream(), fact.columns().stream()).toList();
    }

    /** Every gold column from the sources, in order (the writer adds its bookkeeping columns). */
    List<String> columns() {
        var columns = new ArrayList<>(factColumns());
        dimensions.forEach(dimension -> columns.addAll(dimension.columns()));
        return List.copyOf(columns);
    }

    List<GoldSource> sources() {
        return Stream.concat(Stream.of(fact), dimensions.stream()).toList();
    }
}
