package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code add-before-image-columns} transformation: for each selected column {@code c}, DMS adds
 * {@code <prefix>c<suffix>} holding the value before an UPDATE (empty on inserts). With
 * {@code pk-only} this is what makes a primary-key change visible in S3 files.
 */
public record AddBeforeImageColumnsRule(
        int ruleId,
        String ruleName,
        ObjectLocator objectLocator,
        String columnPrefix,
        String columnSuffix,
        ColumnFilter columnFilter)
        implements MappingRule {

    public enum ColumnFilter {
        PK_ONLY("pk-only"),
        NON_LOB("non-lob"),
        ALL("all");

        private final String dmsValue;

        ColumnFilter(String dmsValue) {
            this.dmsValue = dmsValue;
        }

        public String dmsValue() {
            return dmsValue;
        }
    }

    public AddBeforeImageColumnsRule {
        MappingRule.checkIdentity(ruleId, ruleName);
        requireNonNull(objectLocator, "objectLocator is null");
        requireNonNull(columnPrefix, "columnPrefix is null");
        requireNonNull(columnSuffix, "columnSuffix is null");
        requireNonNull(columnFilter, "columnFilter is null");
        if (columnPrefix.isEmpty() && columnSuffix.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid before-image-def of rule %s: column-prefix and column-suffix are both empty"
                            .formatted(ruleName));
        }
    }

    public String columnName(String sourceColumn) {
        return columnPrefix + sourceColumn + columnSuffix;
    }

    @Override
    public Map<String, Object> toMap() {
        var definition = new LinkedHashMap<String, Object>();
        definition.put("column-prefix", columnPrefix);
        definition.put("column-suffix", columnSuffix);
        definition.put("column-filter", columnFilter.dmsValue());
        var map = MappingRule.transformationHeader(this, "add-before-image-columns");
        map.put("before-image-def", definition);
        return map;
    }
}
