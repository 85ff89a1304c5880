package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTypeTest {

    @Test
    void aKeyThatHoldsThePartitionColumnsGetsANonGlobalIndex() {
        assertThat(IndexType.forKeyShape(List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"), List.of("ol_w_id")))
                .isEqualTo(IndexType.BLOOM);
        assertThat(IndexType.forKeyShape(List.of("no_w_id", "no_d_id", "no_o_id"), List.of()))
                .isEqualTo(IndexType.BLOOM);
    }

    @Test
    void aPartitionColumnOutsideTheKeyNeedsAGlobalIndex() {
        assertThat(IndexType.forKeyShape(List.of("o_id"), List.of("o_w_id"))).isEqualTo(IndexType.GLOBAL_SIMPLE);
    }

    @Test
    void refusesANonGlobalIndexWhenThePartitionCanChangeUnderTheSameKey() {
        assertThat(IndexType.problem(IndexType.BLOOM, List.of("o_id"), List.of("o_w_id")))
                .contains("BLOOM is not global, but the partition column(s) o_w_id are not part of the record key, so a"
                        + " row whose partition value changes would be stored twice; use GLOBAL_BLOOM or make the"
                        + " partition column a key column");
        assertThat(IndexType.problem(IndexType.SIMPLE, List.of("o_id"), List.of("o_w_id")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("use GLOBAL_SIMPLE"));
        assertThat(IndexType.problem(IndexType.GLOBAL_BLOOM, List.of("o_id"), List.of("o_w_id")))
                .isEmpty();
        assertThat(IndexType.problem(IndexType.SIMPLE, List.of("o_id", "o_w_id"), List.of("o_w_id")))
                .isEmpty();
    }
}
