package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DMS table mapping ({@code TableMappings} of the replication task): which tables are captured and
 * which columns DMS adds to their rows. {@link #toJson()} is the document DMS takes; the emulator
 * reads the same object to decide what it captures and writes.
 */
public record DmsTableMappings(List<MappingRule> rules) {

    public DmsTableMappings {
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
        var ids = new HashSet<Integer>();
        var addedColumns = new HashSet<String>();
        for (var rule : rules) {
            if (!ids.add(rule.ruleId())) {
                throw new IllegalArgumentException(
                        "Invalid table mapping: rule-id %d is used twice".formatted(rule.ruleId()));
            }
            if (rule instanceof AddColumnRule add && !addedColumns.add(add.objectLocator() + "/" + add.columnName())) {
                throw new IllegalArgumentException("Invalid table mapping: column %s is added twice for %s"
                        .formatted(add.columnName(), add.objectLocator()));
            }
        }
        if (rules.stream()
                .noneMatch(rule -> rule instanceof SelectionRule selection
                        && selection.action() == SelectionRule.Action.INCLUDE)) {
            throw new IllegalArgumentException(
                    "Invalid table mapping: no selection rule includes a table; add one with rule-action include");
        }
    }

    /**
     * lakepipe's mapping: every table of the given schemas and the truncation markers ({@link SourceProtection}),
     * plus {@code trx_seq} ({@code $AR_H_CHANGE_SEQ}), {@code _hoodie_is_deleted} and, when
     * {@code primaryKeyBeforeImage}, {@code BI_<pk>} columns.
     */
    public static DmsTableMappings lakepipe(List<String> schemas, boolean primaryKeyBeforeImage) {
        requireNonNull(schemas, "schemas is null");
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("Invalid table mapping: no schema to capture");
        }
        var rules = new ArrayList<MappingRule>();
        int id = 1;
        for (var schema : schemas) {
            rules.add(new SelectionRule(
                    id++, "include-" + schema, new ObjectLocator(schema, "%"), SelectionRule.Action.INCLUDE));
        }
        rules.add(new SelectionRule(
                20,
                "include-truncation-markers",
                new ObjectLocator(SourceProtection.SCHEMA, SourceProtection.TRUNCATIONS_TABLE),
                SelectionRule.Action.INCLUDE));
        rules.add(new AddColumnRule(
                10,
                "add-trx-seq",
                ObjectLocator.all(),
                DmsColumns.TRX_SEQ,
                HeaderExpression.CHANGE_SEQ.expression(),
                ColumnDataType.string(50)));
        rules.add(new AddColumnRule(
                11,
                "add-hudi-deleted",
                ObjectLocator.all(),
                DmsColumns.IS_DELETED,
                HeaderExpression.IS_DELETE.expression(),
                ColumnDataType.bool()));
        if (primaryKeyBeforeImage) {
            rules.add(new AddBeforeImageColumnsRule(
                    12,
                    "add-pk-before-image",
                    ObjectLocator.all(),
                    DmsColumns.BEFORE_IMAGE_PREFIX,
                    "",
                    AddBeforeImageColumnsRule.ColumnFilter.PK_ONLY));
        }
        return new DmsTableMappings(rules);
    }

    /** DMS semantics: a table is captured when an include rule matches it and no exclude rule does. */
    public boolean isSelected(String schema, String table) {
        boolean included = false;
        for (var rule : rules) {
            if (rule instanceof SelectionRule selection
                    && selection.objectLocator().matches(schema, table)) {
                if (selection.action() == SelectionRule.Action.EXCLUDE) {
                    return false;
                }
                included = true;
            }
        }
        return included;
    }

    /** The include rules' schema patterns, for sources that need a coarse pre-filter. */
    public List<ObjectLocator> includedLocators() {
        return rules.stream()
                .filter(rule ->
                        rule instanceof SelectionRule selection && selection.action() == SelectionRule.Action.INCLUDE)
                .map(MappingRule::objectLocator)
                .toList();
    }

    /** The add-column rules that apply to a table, in rule order (the order DMS appends the columns). */
    public List<AddColumnRule> addedColumns(String schema, String table) {
        return rules.stream()
                .filter(rule ->
                        rule instanceof AddColumnRule && rule.objectLocator().matches(schema, table))
                .map(AddColumnRule.class::cast)
                .toList();
    }

    /** The before-image rule for a table, if any (the first matching one, as DMS applies one). */
    public Optional<AddBeforeImageColumnsRule> beforeImage(String schema, String table) {
        return rules.stream()
                .filter(rule -> rule instanceof AddBeforeImageColumnsRule
                        && rule.objectLocator().matches(schema, table))
                .map(AddBeforeImageColumnsRule.class::cast)
                .findFirst();
    }

    public Map<String, Object> toMap() {
        return Map.of("rules", rules.stream().map(MappingRule::toMap).toList());
    }

    /** The {@code TableMappings} JSON document. */
    public String toJson() {
        return DmsJson.write(toMap());
    }
}
