package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code add-column} transformation: DMS appends a column named {@code columnName} after the
 * source columns, valued by {@code expression}. The emulator evaluates only the expressions named in
 * {@link HeaderExpression}.
 */
public record AddColumnRule(int ruleId, String ruleName, ObjectLocator objectLocator, String columnName, String expression,
        ColumnDataType dataType) implements MappingRule {

    public AddColumnRule {
        MappingRule.checkIdentity(ruleId, ruleName);
        requireNonNull(objectLocator, "objectLocator is null");
        requireNonNull(columnName, "columnName is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(dataType, "dataType is null");
        if (columnName.isBlank()) {
            throw new IllegalArgumentException("Invalid value (column name) of add-column rule %s: blank".formatted(ruleName));
        }
    }

    @Override
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("rule-type", "transformation");
        map.put("rule-id", String.valueOf(ruleId));
        map.put("rule-name", ruleName);
        map.put("rule-target", "column");
        map.put("object-locator", objectLocator.toMap());
        map.put("rule-action", "add-column");
        map.put("value", columnName);
        map.put("expression", expression);
        map.put("data-type", dataType.toMap());
        return map;
    }
}
