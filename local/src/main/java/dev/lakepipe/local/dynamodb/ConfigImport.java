package dev.lakepipe.local.dynamodb;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.configstore.ConfigTable;
import dev.lakepipe.configstore.ItemKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports a config file into the config table idempotently: only new or changed items are written; stored items the
 * file does not mention are kept (import never deletes).
 */
public final class ConfigImport {

    private final ConfigTable table;

    public ConfigImport(ConfigTable table) {
        this.table = requireNonNull(table, "table is null");
    }

    /** Compares the items with what is stored for their identifiers; writes nothing. */
    public ConfigDiff diff(List<JsonNode> items) {
        var fileItems = byKey(items);
        var stored = new LinkedHashMap<ItemKey, JsonNode>();
        fileItems.keySet().stream()
                .map(ItemKey::identifier)
                .distinct()
                .forEach(identifier -> table.load(identifier).forEach(item -> stored.put(ItemKey.of(item), item)));
        return ConfigDiff.of(fileItems, stored);
    }

    /** Writes the new and changed items; running it twice writes nothing the second time. Returns what it did. */
    public ConfigDiff importItems(List<JsonNode> items) {
        var diff = diff(items);
        var fileItems = byKey(items);
        table.putAll(diff.toWrite().stream().map(fileItems::get).toList());
        return diff;
    }

    private static Map<ItemKey, JsonNode> byKey(List<JsonNode> items) {
        var byKey = new TreeMap<ItemKey, JsonNode>();
        for (var item : items) {
            if (byKey.put(ItemKey.of(item), item) != null) {
                throw new LakepipeException(
                        "Invalid config items: %s appears twice; keep one item per key", ItemKey.of(item));
            }
        }
        return byKey;
    }
}
