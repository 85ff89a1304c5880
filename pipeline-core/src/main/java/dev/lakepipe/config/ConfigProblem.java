package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a config: the item ({@code config} key), the field (dotted path, empty for the item
 * itself) and what is wrong plus the fix. Renders as
 * {@code step::system::public.order_line: hudi_config.partition_path is required when is_partitioned is true}.
 */
public record ConfigProblem(String item, String field, String message) {

    public ConfigProblem {
        requireNonNull(item, "item is null");
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return item + ": " + (field.isEmpty() ? message : field + " " + message);
    }
}
