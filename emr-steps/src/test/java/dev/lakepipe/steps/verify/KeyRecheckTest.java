package dev.lakepipe.steps.verify;

import static dev.lakepipe.steps.verify.KeyRecheck.Outcome.EQUAL;
import static dev.lakepipe.steps.verify.KeyRecheck.Outcome.PERSISTENT;
import static dev.lakepipe.steps.verify.KeyRecheck.Outcome.UNDECIDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.verify.KeyRecheck.LakeImage;
import dev.lakepipe.steps.verify.KeyRecheck.LakeRead;
import dev.lakepipe.steps.verify.KeyRecheck.SourceImage;
import dev.lakepipe.steps.verify.KeyRecheck.SourceRead;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which differing keys persist: one round's reads at fixed times, no clock. */
class KeyRecheckTest {

    private static final String KEY = "1,1,7";
    private static final Instant SEEDED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-12-07T10:05:00Z");
    private static final Instant AFTER = Instant.parse("2026-12-07T10:05:03Z");

    @Test
    void aLakeRowAsEitherReadSawItIsInFlight() {
        var lake = lake(BEFORE.minusSeconds(30), row(2, BEFORE.minusSeconds(40)));

        assertThat(classify(source(BEFORE, image(2, "100")), lake, source(AFTER, image(3, "101"))))
                .isEqualTo(EQUAL);
        assertThat(classify(source(BEFORE, image(1, "100")), lake, source(AFTER, image(2, "101"))))
                .isEqualTo(EQUAL);
    }

    @Test
    void aKeyTheSourceNeverHadAndTheLakeDeletedIsEqual() {
        var lake = lake(BEFORE.minusSeconds(30), deleted(BEFORE.minusSeconds(40)));

        assertThat(classify(absent(BEFORE), lake, absent(AFTER))).isEqualTo(EQUAL);
    }

    @Test
    void anUnchangedKeyDiffersForCertainOnceTheApplyPassedTheRead() {
        var before = source(BEFORE, image(1, "100"));
        var after = source(AFTER, image(1, "100"));

        assertThat(classify(before, lake(BEFORE.plusMillis(20), row(9, BEFORE.minusSeconds(1))), after))
                .isEqualTo(PERSISTENT);
        assertThat(classify(before, lake(BEFORE.minusSeconds(1), row(9, BEFORE.minusSeconds(1))), after))
                .as("the apply has not passed the read, and the version's commit time is not known")
                .isEqualTo(UNDECIDED);
    }

    @Test
    void anUnchangedKeyDiffersForCertainOnceTheApplyPassedItsVersionsCommitWithoutWaitingForTheRead() {
        var committed = BEFORE.minusSeconds(60);
        var before = source(BEFORE, new SourceImage(1, "100", Optional.of(committed)));
        var after = source(AFTER, new SourceImage(1, "100", Optional.of(committed)));

        assertThat(classify(before, lake(committed.plusSeconds(1), row(9, committed)), after))
                .as("a quiet table: the apply may never pass the read, but it has passed the version")
                .isEqualTo(PERSISTENT);
        assertThat(classify(before, lake(committed.minusSeconds(1), row(9, committed.minusSeconds(2))), after))
                .as("the apply has not reached the version yet")
                .isEqualTo(UNDECIDED);
    }

    @Test
    void aRowTheSourceHasAndTheLakeLacksPersistsOnceTheApplyPassedTheRead() {
        var before = source(BEFORE, image(1, "100"));
        var after = source(AFTER, image(1, "100"));

        assertThat(classify(before, lake(BEFORE.plusSeconds(1)), after)).isEqualTo(PERSISTENT);
        assertThat(classify(before, lake(BEFORE.minusSeconds(1)), after)).isEqualTo(UNDECIDED);
    }

    @Test
    void aRowTheLakeHasAndTheSourceNeverHadPersistsOnceTheApplyPassedTheRead() {
        var lake = lake(BEFORE.plusSeconds(1), row(5, SEEDED));

        assertThat(classify(absent(BEFORE), lake, absent(AFTER))).isEqualTo(PERSISTENT);
    }

    @Test
    void aKeyThatChangedDuringTheRoundIsUndecidedUnlessTheApplysRowPinsTheRead() {
        var before = source(BEFORE, image(1, "100"));
        var after = source(AFTER, image(2, "101"));

        assertThat(classify(before, lake(BEFORE.plusSeconds(2), row(9, BEFORE.plusSeconds(1))), after))
                .as("the lake row is from a change after the first read: it may be an image the source had between")
                .isEqualTo(UNDECIDED);
        assertThat(classify(before, lake(BEFORE.plusSeconds(2), row(9, BEFORE.minusSeconds(1))), after))
                .as("the apply passed the read and its row is from before it: the lake shows the key as of the read")
                .isEqualTo(PERSISTENT);
        assertThat(classify(before, lake(BEFORE.minusSeconds(1), row(9, BEFORE.minusSeconds(2))), after))
                .as("the apply has not passed the read")
                .isEqualTo(UNDECIDED);
    }

    @Test
    void aRowTheSeedOrAReloadWroteDoesNotPinTheRead() {
        var before = source(BEFORE, image(1, "100"));
        var after = source(AFTER, image(2, "101"));
        var reloaded = new LakeRead(
                Optional.of(seq(BEFORE.plusSeconds(2))),
                Optional.of(seq(BEFORE.minusSeconds(1))),
                Map.of(KEY, new LakeImage(9, false, seq(BEFORE.minusSeconds(1)))));

        assertThat(classify(before, reloaded, after))
                .as("a reload's rows carry its handoff but may hold changes after it")
                .isEqualTo(UNDECIDED);
    }

    @Test
    void aChangeSequenceIsAfterATimeOnlyWhenItsTruncatedTimeIs() {
        var time = Instant.parse("2026-12-07T10:05:00.004Z");

        assertThat(KeyRecheck.isAfter(seq(Instant.parse("2026-12-07T10:05:00.000Z")), time))
                .as("the same hundredth may be before or after")
                .isFalse();
        assertThat(KeyRecheck.isAfter(seq(Instant.parse("2026-12-07T10:05:00.010Z")), time))
                .isTrue();
        assertThat(KeyRecheck.isAtOrBefore(seq(Instant.parse("2026-12-07T10:05:00.000Z")), time))
                .isFalse();
        assertThat(KeyRecheck.isAtOrBefore(seq(Instant.parse("2026-12-07T10:04:59.990Z")), time))
                .isTrue();
        assertThat(KeyRecheck.isAfter("", time))
                .as("a full-load row's empty trx_seq")
                .isFalse();
    }

    private static KeyRecheck.Outcome classify(SourceRead before, LakeRead lake, SourceRead after) {
        return KeyRecheck.classify(KEY, before, lake, after);
    }

    private static SourceImage image(long hash, String xmin) {
        return new SourceImage(hash, xmin, Optional.empty());
    }

    private static SourceRead source(Instant readBy, SourceImage image) {
        return new SourceRead(readBy, Map.of(KEY, image));
    }

    private static SourceRead absent(Instant readBy) {
        return new SourceRead(readBy, Map.of());
    }

    private static LakeImage row(long hash, Instant written) {
        return new LakeImage(hash, false, seq(written));
    }

    private static LakeImage deleted(Instant written) {
        return new LakeImage(0, true, seq(written));
    }

    private static LakeRead lake(Instant position, LakeImage image) {
        return new LakeRead(Optional.of(seq(position)), Optional.of(seq(SEEDED)), Map.of(KEY, image));
    }

    private static LakeRead lake(Instant position) {
        return new LakeRead(Optional.of(seq(position)), Optional.of(seq(SEEDED)), Map.of());
    }

    private static String seq(Instant time) {
        return new ChangeSequence(time, 1).toString();
    }
}
