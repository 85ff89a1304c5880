package dev.lakepipe.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmsTableMappingsTest {

    @Test
    void lakepipeMappingRendersDmsRules() throws Exception {
        var json = DmsTableMappings.lakepipe(List.of("public"), true).toJson();

        var expected = """
                {"rules":[
                 {"rule-type":"selection","rule-id":"1","rule-name":"include-public",
                  "object-locator":{"schema-name":"public","table-name":"%"},"rule-action":"include","filters":[]},
                 {"rule-type":"selection","rule-id":"20","rule-name":"include-truncation-markers",
                  "object-locator":{"schema-name":"lakepipe","table-name":"truncations"},"rule-action":"include","filters":[]},
                 {"rule-type":"transformation","rule-id":"10","rule-name":"add-trx-seq","rule-target":"column",
                  "object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"add-column",
                  "value":"trx_seq","expression":"$AR_H_CHANGE_SEQ","data-type":{"type":"string","length":50}},
                 {"rule-type":"transformation","rule-id":"11","rule-name":"add-hudi-deleted","rule-target":"column",
                  "object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"add-column",
                  "value":"_hoodie_is_deleted","expression":"CASE WHEN $AR_H_OPERATION = 'DELETE' THEN TRUE ELSE FALSE END",
                  "data-type":{"type":"boolean"}},
                 {"rule-type":"transformation","rule-id":"12","rule-name":"add-pk-before-image","rule-target":"column",
                  "object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"add-before-image-columns",
                  "before-image-def":{"column-prefix":"BI_","column-suffix":"","column-filter":"pk-only"}}]}
                """;
        var mapper = new ObjectMapper();
        assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(expected));
    }

    @Test
    void selectionFollowsDmsLikePatternsAndExcludeWins() {
        var mappings = new DmsTableMappings(List.of(
                new SelectionRule(1, "all", new ObjectLocator("public", "%"), SelectionRule.Action.INCLUDE),
                new SelectionRule(2, "no-tmp", new ObjectLocator("public", "tmp_%"), SelectionRule.Action.EXCLUDE),
                new SelectionRule(3, "one", new ObjectLocator("sales", "order_"), SelectionRule.Action.INCLUDE)));

        assertThat(mappings.isSelected("public", "orders")).isTrue();
        assertThat(mappings.isSelected("public", "tmp_x")).isFalse();
        assertThat(mappings.isSelected("public", "tmp")).isTrue();
        assertThat(mappings.isSelected("sales", "orders")).isTrue();
        assertThat(mappings.isSelected("sales", "order")).isFalse();
        assertThat(mappings.isSelected("other", "orders")).isFalse();
        assertThat(mappings.addedColumns("public", "orders")).isEmpty();
        assertThat(mappings.beforeImage("public", "orders")).isEmpty();
    }

    @Test
    void addedColumnsKeepRuleOrder() {
        var mappings = DmsTableMappings.lakepipe(List.of("public"), true);
        assertThat(mappings.addedColumns("public", "orders"))
                .extracting(AddColumnRule::columnName)
                .containsExactly(DmsColumns.TRX_SEQ, DmsColumns.IS_DELETED);
        assertThat(mappings.addedColumns("public", "orders"))
                .extracting(rule -> HeaderExpression.of(rule.expression()).orElseThrow())
                .containsExactly(HeaderExpression.CHANGE_SEQ, HeaderExpression.IS_DELETE);
        assertThat(mappings.beforeImage("public", "orders").orElseThrow().columnName("o_id"))
                .isEqualTo("BI_o_id");
        assertThat(HeaderExpression.of("CASE WHEN  $AR_H_OPERATION = 'DELETE'\n THEN TRUE ELSE FALSE END"))
                .contains(HeaderExpression.IS_DELETE);
        assertThat(HeaderExpression.of("upper($x)")).isEmpty();
    }

    @Test
    void capturesTheTruncationMarkersButNoOtherTableOfTheirSchema() {
        var mappings = DmsTableMappings.lakepipe(List.of("public"), false);
        assertThat(mappings.isSelected(SourceProtection.SCHEMA, SourceProtection.TRUNCATIONS_TABLE))
                .isTrue();
        assertThat(mappings.isSelected(SourceProtection.SCHEMA, "other")).isFalse();
        assertThat(mappings.addedColumns(SourceProtection.SCHEMA, SourceProtection.TRUNCATIONS_TABLE))
                .extracting(AddColumnRule::columnName)
                .containsExactly(DmsColumns.TRX_SEQ, DmsColumns.IS_DELETED);
    }

    @Test
    void rejectsInvalidMappings() {
        var include = new SelectionRule(1, "all", ObjectLocator.all(), SelectionRule.Action.INCLUDE);
        assertThatThrownBy(() -> new DmsTableMappings(List.of(include, include)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid table mapping: rule-id 1 is used twice");
        assertThatThrownBy(() -> new DmsTableMappings(
                        List.of(new SelectionRule(1, "x", ObjectLocator.all(), SelectionRule.Action.EXCLUDE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid table mapping: no selection rule includes a table; add one with rule-action include");
        assertThatThrownBy(() -> new ObjectLocator("", "%"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid object-locator: schema-name '', table-name '%' (both must be non-empty; use % for all)");
    }

    @Test
    void changeSequenceIsThirtyFiveDigitsAndRoundTrips() {
        var sequence = new ChangeSequence(Instant.parse("2024-01-15T09:30:12.345678Z"), 42);
        assertThat(sequence.toString())
                .isEqualTo("2024011509301234" + "0000000000000000042")
                .hasSize(ChangeSequence.LENGTH);
        assertThat(ChangeSequence.parse(sequence.toString()))
                .isEqualTo(new ChangeSequence(Instant.parse("2024-01-15T09:30:12.340Z"), 42));
        assertThat(sequence).isLessThan(new ChangeSequence(Instant.parse("2024-01-15T09:30:12.345Z"), 43));
        assertThatThrownBy(() -> ChangeSequence.parse("123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid change sequence: '123' (expected 35 digits)");
    }
}
