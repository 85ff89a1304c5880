package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An {@code add-column} transformation: DMS appends a column named {@code columnName} after the
 * source columns, valued by {@code expression}. The emulator evaluates only the expressions named in
 * {@link HeaderExpression}.
 */
public record AddColumnRule(
        int ruleId,
        String ruleName,
        ObjectLocator objectLocator,
        String columnName,
        String expression,
        ColumnDataType dataType)
        implements MappingRule {

    public AddColumnRule {
        MappingRule.checkIdentity(ruleId, ruleName);
        requireNonNull(objectLocator, "objectLocator is null");
        requireNonNull(columnName, "columnName is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(dataType, "dataType is null");
        if (columnName.isBlank()) {
            throw new IllegalArgumentException(
                    "Invalid value (column name) of add-column rule %s: blank".formatted(ruleName));
        }
    }

    @Override
    public Map<String, Object> toMap() {
        var map = MappingRule.transformationHeader(this, "add-column");
        map.put("value", columnName);
        map.put("expression", expression);
        map.put("data-type", dataType.toMap());
        return map;
    }
}
