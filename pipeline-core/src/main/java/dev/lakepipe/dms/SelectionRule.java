package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@code selection} rule: include or exclude the tables the locator matches. */
public record SelectionRule(int ruleId, String ruleName, ObjectLocator objectLocator, Action action)
        implements MappingRule {

    public enum Action {
        INCLUDE,
        EXCLUDE;

        String dmsValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SelectionRule {
        MappingRule.checkIdentity(ruleId, ruleName);
        requireNonNull(objectLocator, "objectLocator is null");
        requireNonNull(action, "action is null");
    }

    @Override
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("rule-type", "selection");
        map.put("rule-id", String.valueOf(ruleId));
        map.put("rule-name", ruleName);
        map.put("object-locator", objectLocator.toMap());
        map.put("rule-action", action.dmsValue());
        map.put("filters", List.of());
        return map;
    }
}
