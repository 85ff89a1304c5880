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
        var first = ApplyCheckpoint.after(
                Optional.empty(), List.of(file("2026/11/23/20261123-113000000.parquet")), Optional.of(SEQ_B));
        var second = ApplyCheckpoint.after(
                Optional.of(first),
                List.of(file("2026/11/23/20261123-113100000.parquet"), file("2026/11/24/20261124-000000000.parquet")),
                Optional.of(SEQ_A));

        assertThat(second.lastFile()).isEqualTo("2026/11/24/20261124-000000000.parquet");
        assertThat(second.files())
                .containsExactly("2026/11/23/20261123-113100000.parquet", "2026/11/24/20261124-000000000.parquet");
        assertThat(second.appliedFilesTotal()).isEqualTo(3);
        assertThat(second.newestChangeSeq()).contains(SEQ_B);
    }

    @Test
    void coversEveryFileUpToTheLastInNameOrder() {
        var checkpoint = new ApplyCheckpoint("2026/11/23/20261123-113100000.parquet", List.of(), 2, Optional.empty());

        assertThat(checkpoint.covers(file("2026/11/23/20261123-113000000.parquet")))
                .isTrue();
        assertThat(checkpoint.covers(file("2026/11/23/20261123-113100000.parquet")))
                .isTrue();
        assertThat(checkpoint.covers(file("2026/11/23/20261123-113100001.parquet")))
                .isFalse();
        assertThat(checkpoint.covers(file("2026/11/24/20261124-000000000.parquet")))
                .isFalse();
    }

    @Test
    void findsAFileThatAppearsAfterNewerOnesWereApplied() {
        var first = ApplyCheckpoint.after(
                Optional.empty(),
                List.of(file("2026/11/23/20261123-113000000.parquet"), file("2026/11/23/20261123-113200000.parquet")),
                Optional.of(SEQ_A));
        var late = file("2026/11/23/20261123-113100000.parquet");

        assertThat(first.covers(late)).isFalse();
        assertThat(first.isLate(late)).isTrue();
        assertThat(first.isLate(file("2026/11/23/20261123-113300000.parquet"))).isFalse();
        assertThat(first.horizon()).contains("20261122");

        var replayed = ApplyCheckpoint.after(
                Optional.of(first), List.of(late, file("2026/11/23/20261123-113200000.parquet")), Optional.of(SEQ_A));

        assertThat(replayed.covers(late)).isTrue();
        assertThat(replayed.lastFile()).isEqualTo("2026/11/23/20261123-113200000.parquet");
        assertThat(replayed.appliedFilesTotal())
                .as("the replayed file is not counted twice")
                .isEqualTo(3);
    }

    @Test
    void remembersOneToTwoDaysOfFilesAndCountsOlderOnesAsApplied() {
        var old = ApplyCheckpoint.after(
                Optional.empty(), List.of(file("2026/11/20/20261120-100000000.parquet")), Optional.of(SEQ_A));
        var checkpoint = ApplyCheckpoint.after(
                Optional.of(old), List.of(file("2026/11/23/20261123-100000000.parquet")), Optional.of(SEQ_A));

        assertThat(checkpoint.horizon()).contains("20261122");
        assertThat(checkpoint.recentFiles()).containsExactly("2026/11/23/20261123-100000000.parquet");
        assertThat(checkpoint.covers(file("2026/11/21/20261121-120000000.parquet")))
                .as("older than the horizon")
                .isTrue();
        assertThat(checkpoint.isLate(file("2026/11/22/20261122-120000000.parquet")))
                .isTrue();
    }

    @Test
    void aCheckpointWrittenBeforeFilesWereRecordedCoversEverythingUpToItsLastFile() {
        var legacy = new ApplyCheckpoint("2026/11/23/20261123-113100000.parquet", List.of(), 2, Optional.empty());
        var next = ApplyCheckpoint.after(
                Optional.of(legacy), List.of(file("2026/11/23/20261123-113200000.parquet")), Optional.of(SEQ_A));

        assertThat(next.horizon()).contains("20261123-113100000.parquet");
        assertThat(next.covers(file("2026/11/23/20261123-113000000.parquet"))).isTrue();
        assertThat(next.covers(file("2026/11/23/20261123-113150000.parquet"))).isFalse();
    }

    @Test
    void roundTripsTheAppliedFilesThroughJson() {
        var checkpoint = ApplyCheckpoint.after(
                Optional.empty(), List.of(file("a/20261123-113100000.parquet")), Optional.of(SEQ_A));

        assertThat(checkpoint.toJson())
                .endsWith(",\"horizon\":\"20261122\",\"recent_files\":[\"a/20261123-113100000.parquet\"]}");
        assertThat(ApplyCheckpoint.fromJson(checkpoint.toJson(), "test")).isEqualTo(checkpoint);
    }

    @Test
    void roundTripsThroughJson() {
        var checkpoint = new ApplyCheckpoint(
                "a/20261123-113100000.parquet", List.of("a/20261123-113100000.parquet"), 7, Optional.of(SEQ_A));

        assertThat(checkpoint.toJson())
                .isEqualTo("{\"version\":1,\"last_file\":\"a/20261123-113100000.parquet\","
                        + "\"files\":[\"a/20261123-113100000.parquet\"],\"applied_files_total\":7,\"newest_change_seq\":\""
                        + SEQ_A + "\"}");
        assertThat(ApplyCheckpoint.fromJson(checkpoint.toJson(), "test")).isEqualTo(checkpoint);
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> ApplyCheckpoint.fromJson("{\"version\":9}", "silver/orders commit 20261123113000000"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid apply checkpoint in silver/orders commit 20261123113000000: {\"version\":9}; expected version 1 with last_file");
    }

    private static ChangeFile file(String relativePath) {
        return new ChangeFile("file:/bronze/" + relativePath, relativePath, 1, 1);
    }
}
