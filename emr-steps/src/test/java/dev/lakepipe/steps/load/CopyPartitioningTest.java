package dev.lakepipe.steps.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyPartitioningTest {

    @Test
    void rangesCoverEveryValueOnceLikeSparkJdbc() {
        assertThat(CopyPartitioning.ranges("\"id\"", 1, 100, 4))
                .containsExactly(
                        "(\"id\" < 25 OR \"id\" IS NULL)",
                        "\"id\" >= 25 AND \"id\" < 49",
                        "\"id\" >= 49 AND \"id\" < 73",
                        "\"id\" >= 73");
    }

    @Test
    void blockRangesSplitTheHeapIntoDisjointPiecesOpenAtBothEnds() {
        assertThat(CopyPartitioning.blockRanges(10_000, 4))
                .containsExactly(
                        "ctid < '(2500,0)'",
                        "ctid >= '(2500,0)' AND ctid < '(5000,0)'",
                        "ctid >= '(5000,0)' AND ctid < '(7500,0)'",
                        "ctid >= '(7500,0)'");
    }

    @Test
    void smallHeapsGetFewerBlockRanges() {
        assertThat(CopyPartitioning.blockRanges(0, 4)).containsExactly("true");
        assertThat(CopyPartitioning.blockRanges(CopyPartitioning.MIN_BLOCKS_PER_RANGE * 2 - 1, 4))
                .containsExactly("true");
        assertThat(CopyPartitioning.blockRanges(CopyPartitioning.MIN_BLOCKS_PER_RANGE * 3, 8))
                .hasSize(3);
    }

    @Test
    void smallSpansGetFewerRanges() {
        assertThat(CopyPartitioning.ranges("\"id\"", 5, 5, 8)).containsExactly("true");
        assertThat(CopyPartitioning.ranges("\"id\"", 1, 3, 8)).hasSize(2);
    }

    @Test
    void rejectsInvertedBounds() {
        assertThatThrownBy(() -> CopyPartitioning.ranges("\"id\"", 10, 1, 2))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid spark_jdbc_config bounds: lowerBound 10 is above upperBound 1");
    }

    @Test
    void optionsOnlySparkJdbcImplementsSelectTheFallback() {
        assertThat(new JdbcReadOptions(Map.of("partitionColumn", "id", "fetchsize", "1000")).fallbackReason("public.t"))
                .isEmpty();
        assertThat(new JdbcReadOptions(Map.of("dbtable", "public.t")).fallbackReason("public.t"))
                .isEmpty();
        assertThat(new JdbcReadOptions(Map.of("query", "SELECT 1")).fallbackReason("public.t"))
                .contains("spark_jdbc_config.query is set");
        assertThat(new JdbcReadOptions(Map.of("dbtable", "(SELECT * FROM t) s")).fallbackReason("public.t"))
                .contains("spark_jdbc_config.dbtable is '(SELECT * FROM t) s', not the table itself");
    }

    @Test
    void rejectsNonNumericBounds() {
        assertThatThrownBy(() -> new JdbcReadOptions(Map.of("lowerBound", "one")).lowerBound())
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid spark_jdbc_config.lowerbound: 'one'; expected an integer");
    }
}
