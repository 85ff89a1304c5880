package dev.lakepipe.steps.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReloadCheckpointTest {

    private static final String HANDOFF = "2026112311000000" + "0".repeat(19);

    @Test
    void tableNeverAppliedToKeepsNoCheckpoint() {
        assertThat(ReloadCheckpoint.resumeFrom(List.of(), HANDOFF)).isEmpty();
    }

    @Test
    void resumesFromTheNewestCheckpointAtOrBelowTheHandoff() {
        var after = checkpoint("20261123-110500000.parquet", "20261123110500000000000000000000001");
        var at = checkpoint("20261123-110000000.parquet", HANDOFF);
        var before = checkpoint("20261123-105500000.parquet", "20261123105500000000000000000000001");

        assertThat(ReloadCheckpoint.resumeFrom(List.of(after, at, before), HANDOFF))
                .contains(at);
        assertThat(ReloadCheckpoint.resumeFrom(List.of(before), HANDOFF)).contains(before);
    }

    @Test
    void readsEveryFileAgainWhenNoCheckpointIsProvablyInsideTheSnapshot() {
        var after = checkpoint("20261123-110500000.parquet", "20261123110500000000000000000000001");
        var unknown = new ApplyCheckpoint("20261123-105500000.parquet", List.of(), 3, Optional.empty());

        var resumed =
                ReloadCheckpoint.resumeFrom(List.of(after, unknown), HANDOFF).orElseThrow();

        assertThat(resumed).isEqualTo(ApplyCheckpoint.nothingApplied());
        assertThat(resumed.covers(file("2026/11/23/20261123-105500000.parquet")))
                .isFalse();
        assertThat(ApplyCheckpoint.fromJson(resumed.toJson(), "test")).isEqualTo(resumed);
    }

    @Test
    void anApplyAfterNothingAppliedCoversItsBatch() {
        var batch =
                List.of(file("2026/11/23/20261123-105500000.parquet"), file("2026/11/23/20261123-110500000.parquet"));

        var next = ApplyCheckpoint.after(Optional.of(ApplyCheckpoint.nothingApplied()), batch, Optional.of(HANDOFF));

        assertThat(batch).allMatch(next::covers);
        assertThat(next.covers(file("2026/11/23/20261123-111000000.parquet"))).isFalse();
        assertThat(next.appliedFilesTotal()).isEqualTo(2);
    }

    private static ApplyCheckpoint checkpoint(String lastFile, String newestSeq) {
        return new ApplyCheckpoint(
                "2026/11/23/" + lastFile, List.of(), 1, Optional.of(newestSeq), Optional.of("20261122"), Set.of());
    }

    private static ChangeFile file(String relativePath) {
        return new ChangeFile("/bronze/" + relativePath, relativePath, 1, 0);
    }
}
