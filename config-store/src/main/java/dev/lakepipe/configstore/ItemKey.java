package dev.lakepipe.configstore;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.Comparator;

/** The primary key of a config item: {@code identifier} (partition) and {@code config} (sort). */
public record ItemKey(String identifier, String config) implements Comparable<ItemKey> {

    public static final String IDENTIFIER = "identifier";
    public static final String CONFIG = "config";

    public ItemKey {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(config, "config is null");
    }

    public static ItemKey of(JsonNode item) {
        var identifier = item.path(IDENTIFIER);
        var config = item.path(CONFIG);
        if (!identifier.isTextual() || !config.isTextual()) {
            throw new LakepipeException("Invalid config item: identifier and config must be strings, got %s", item);
        }
        return new ItemKey(identifier.asText(), config.asText());
    }

    @Override
    public int compareTo(ItemKey other) {
        return Comparator.comparing(ItemKey::identifier)
                .thenComparing(ItemKey::config)
                .compare(this, other);
    }

    @Override
    public String toString() {
        return identifier + "/" + config;
    }
}
