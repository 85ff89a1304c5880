package dev.lakepipe.steps.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyCheckpointTest {

    private static final String SEQ_A = "20261123113000000000000000000000001";
    private static final String SEQ_B = "20261123113100000000000000000000002";

    @Test
    void accumulatesFilesAndTheNewestChangeAcrossBatches() {
        var first = ApplyCheckpoint.after(Optional.empty(), List.of(file("2026/11/23/20261123-113000000.parquet")), Optional.of(SEQ_B));
        var second = ApplyCheckpoint.after(Optional.of(first),
                List.of(file("2026/11/23/20261123-113100000.parquet"), file("2026/11/24/20261124-000000000.parquet")), Optional.of(SEQ_A));

        assertThat(second.lastFile()).isEqualTo("2026/11/24/20261124-000000000.parquet");
        assertThat(second.files()).containsExactly("2026/11/23/20261123-113100000.parquet", "2026/11/24/20261124-000000000.parquet");
        assertThat(second.appliedFilesTotal()).isEqualTo(3);
        assertThat(second.newestChangeSeq()).contains(SEQ_B);
    }

    @Test
    void coversEveryFileUpToTheLastInNameOrder() {
        var checkpoint = new ApplyCheckpoint("2026/11/23/20261123-113100000.parquet", List.of(), 2, Optional.empty());

        assertThat(checkpoint.covers(file("2026/11/23/20261123-113000000.parquet"))).isTrue();
        assertThat(checkpoint.covers(file("2026/11/23/20261123-113100000.parquet"))).isTrue();
        assertThat(checkpoint.covers(file("2026/11/23/20261123-113100001.parquet"))).isFalse();
        assertThat(checkpoint.covers(file("2026/11/24/20261124-000000000.parquet"))).isFalse();
    }

    @Test
    void roundTripsThroughJson() {
        var checkpoint = new ApplyCheckpoint("a/20261123-113100000.parquet", List.of("a/20261123-113100000.parquet"), 7, Optional.of(SEQ_A));

        assertThat(checkpoint.toJson()).isEqualTo("{\"version\":1,\"last_file\":\"a/20261123-113100000.parquet\","
                + "\"files\":[\"a/20261123-113100000.parquet\"],\"applied_files_total\":7,\"newest_change_seq\":\"" + SEQ_A + "\"}");
        assertThat(ApplyCheckpoint.fromJson(checkpoint.toJson(), "test")).isEqualTo(checkpoint);
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> ApplyCheckpoint.fromJson("{\"version\":9}", "silver/orders commit 20261123113000000"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid apply checkpoint in silver/orders commit 20261123113000000: {\"version\":9}; expected version 1 with last_file");
    }

    private static ChangeFile file(String relativePath) {
        return new ChangeFile("file:/bronze/" + relativePath, relativePath, 1, 1);
    }
}
