package dev.lakepipe.dms;

import java.util.LinkedHashMap;
import java.util.Map;

/** One rule of a DMS table mapping; the JSON shape is DMS's own ({@code rule-type}, {@code rule-id}, ...). */
public sealed interface MappingRule permits SelectionRule, AddColumnRule, AddBeforeImageColumnsRule {

    /** A positive integer, unique in the mapping (DMS stores it as a string). */
    int ruleId();

    String ruleName();

    ObjectLocator objectLocator();

    /** This rule as DMS table-mapping JSON, keys in DMS's documented order. */
    Map<String, Object> toMap();

    /** The keys every transformation rule starts with. */
    static Map<String, Object> transformationHeader(MappingRule rule, String action) {
        var map = new LinkedHashMap<String, Object>();
        map.put("rule-type", "transformation");
        map.put("rule-id", String.valueOf(rule.ruleId()));
        map.put("rule-name", rule.ruleName());
        map.put("rule-target", "column");
        map.put("object-locator", rule.objectLocator().toMap());
        map.put("rule-action", action);
        return map;
    }

    static void checkIdentity(int ruleId, String ruleName) {
        if (ruleId < 1) {
            throw new IllegalArgumentException("Invalid rule-id: %d (a positive integer)".formatted(ruleId));
        }
        if (ruleName == null || ruleName.isBlank()) {
            throw new IllegalArgumentException("Invalid rule-name for rule-id %d: '%s'".formatted(ruleId, ruleName));
        }
    }
}
