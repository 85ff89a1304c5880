package dev.lakepipe.config;

import java.util.List;
import java.util.Optional;

/**
 * The Hudi index a silver table's upserts look records up with ({@code hudi_config.index_type}). By default it follows
 * from the key shape ({@link #forKeyShape}); the four types here keep no index state of their own, so a table can move
 * between them from one run to the next.
 */
public enum IndexType {
    /** Joins the incoming keys with the stored keys of the partitions the batch touches. */
    SIMPLE(false),
    /** Like {@link #SIMPLE} over every partition: finds a key whatever partition it is stored in. */
    GLOBAL_SIMPLE(true),
    /** Prunes files by their key ranges and bloom filters, then reads the keys of the candidate files only. */
    BLOOM(false),
    /** Like {@link #BLOOM} over every partition. */
    GLOBAL_BLOOM(true);

    private final boolean global;

    IndexType(boolean global) {
        this.global = global;
    }

    /** Whether a lookup searches every partition, so a record whose partition value changes is found and moved. */
    public boolean global() {
        return global;
    }

    /**
     * The default for a key shape. When every partition column is part of the record key, a key determines its
     * partition and can never move to another one, so a non-global index is exact and its cost follows the partitions a
     * batch touches rather than the whole table. Otherwise only a global index finds a row whose partition changed.
     */
    public static IndexType forKeyShape(List<String> recordKeys, List<String> partitionFields) {
        return recordKeys.containsAll(partitionFields) ? BLOOM : GLOBAL_SIMPLE;
    }

    /**
     * Why {@code index} cannot serve the key shape, if it cannot: a non-global index would leave the old row behind
     * when a partition value changes under the same key.
     */
    public static Optional<String> problem(IndexType index, List<String> recordKeys, List<String> partitionFields) {
        if (index.global() || recordKeys.containsAll(partitionFields)) {
            return Optional.empty();
        }
        var outside = partitionFields.stream()
                .filter(field -> !recordKeys.contains(field))
                .toList();
        return Optional.of(index + " is not global, but the partition column(s) " + String.join(", ", outside)
                + " are not part of the record key, so a row whose partition value changes would be stored twice;"
                + " use " + (index == BLOOM ? GLOBAL_BLOOM : GLOBAL_SIMPLE)
                + " or make the partition column a key column");
    }
}
