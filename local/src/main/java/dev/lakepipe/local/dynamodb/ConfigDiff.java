package dev.lakepipe.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.configstore.ItemKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an import would change: items to add, items whose stored value differs, items already equal, and
 * stored items the file does not mention (kept: import never deletes).
 */
public record ConfigDiff(
        List<ItemKey> added,
        List<ItemKey> changed,
        List<ItemKey> unchanged,
        List<ItemKey> onlyStored,
        Map<ItemKey, List<String>> changedFields) {

    public ConfigDiff {
        changedFields = Map.copyOf(changedFields);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        onlyStored = List.copyOf(onlyStored);
    }

    /** Compares file items with stored items by key; values compare as JSON (a string "6" differs from 6). */
    static ConfigDiff of(Map<ItemKey, JsonNode> fileItems, Map<ItemKey, JsonNode> storedItems) {
        var added = new ArrayList<ItemKey>();
        var changed = new ArrayList<ItemKey>();
        var unchanged = new ArrayList<ItemKey>();
        var changedFields = new HashMap<ItemKey, List<String>>();
        fileItems.forEach((key, item) -> {
            var stored = storedItems.get(key);
            if (stored == null) {
                added.add(key);
            } else if (stored.equals(item)) {
                unchanged.add(key);
            } else {
                changed.add(key);
                changedFields.put(key, differingFields(item, stored));
            }
        });
        var onlyStored = storedItems.keySet().stream()
                .filter(key -> !fileItems.containsKey(key))
                .sorted()
                .toList();
        return new ConfigDiff(
                added.stream().sorted().toList(),
                changed.stream().sorted().toList(),
                unchanged.stream().sorted().toList(),
                onlyStored,
                changedFields);
    }

    /** Top-level fields whose values differ (present on one side only included), sorted. */
    private static List<String> differingFields(JsonNode file, JsonNode stored) {
        var names = new TreeSet<String>();
        file.fieldNames().forEachRemaining(names::add);
        stored.fieldNames().forEachRemaining(names::add);
        return names.stream()
                .filter(name -> !file.path(name).equals(stored.path(name)))
                .toList();
    }

    public List<ItemKey> toWrite() {
        var keys = new ArrayList<>(added);
        keys.addAll(changed);
        return keys.stream().sorted().toList();
    }

    public boolean hasChanges() {
        return !added.isEmpty() || !changed.isEmpty();
    }

    /** One line per item, {@code + added}, {@code ~ changed}, {@code = unchanged}, {@code ! only stored}, then a summary. */
    public List<String> render() {
        var lines = new ArrayList<String>();
        added.forEach(key -> lines.add("+ " + key));
        changed.forEach(key -> lines.add("~ " + key + " (" + String.join(", ", changedFields.get(key)) + ")"));
        unchanged.forEach(key -> lines.add("= " + key));
        onlyStored.forEach(key -> lines.add("! " + key + " (stored, not in the file; left as is)"));
        lines.add(String.format(
                "%d to add, %d to change, %d unchanged, %d only stored",
                added.size(), changed.size(), unchanged.size(), onlyStored.size()));
        return lines;
    }
}
