package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.dms.ChangeSequence;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a key that differed while the source was live still differs (docs/operations.md, "Verify while the source is
 * live"). A round reads the key at the source ({@code before}), then in the lake with the apply's position read first,
 * then at the source again ({@code after}). Every change the lake holds was committed before {@code after} was read, so
 * the lake shows the key as the source had it at some moment up to {@code after}. The lake row is wrong for certain
 * when that moment is pinned down:
 * <ul>
 *   <li>the key kept one version from {@code before} to {@code after} (same {@code xmin}, or no row both times) and the
 *       apply has passed either {@code before}'s read or the commit of that version: the lake must show that version;
 *   <li>the lake row was written by the apply (not the seed or a reload) with a change at or before {@code before}'s
 *       read, and the apply has passed that read: no later change of the key exists up to the read, so the lake row is
 *       the key as {@code before} read it.
 * </ul>
 * A key the lake shows as either read saw it is not a difference; any other key is undecided and goes to the next round.
 */
public final class KeyRecheck {

    /** The precision of a change sequence's commit time: its real commit time is up to this much later. */
    private static final Duration SEQ_PRECISION = Duration.ofMillis(10);

    private KeyRecheck() {}

    /** The outcome for one key after a round. */
    public enum Outcome {
        /** The lake shows the key as the source had it: the difference was in flight. */
        EQUAL,
        /** The lake differs from the source at a moment the apply had passed: a real difference. */
        PERSISTENT,
        /** The key changed during the round and the apply has not passed the change: check again. */
        UNDECIDED
    }

    /**
     * A key's rows at the source: their hash, their version ({@code xmin} of each row), and the commit time of that
     * version when the source records it ({@code track_commit_timestamp}).
     */
    public record SourceImage(long hash, String version, Optional<Instant> committed) {
        public SourceImage {
            requireNonNull(version, "version is null");
            requireNonNull(committed, "committed is null");
        }
    }

    /**
     * One source read of some keys: the image of each key that has rows (a key without is absent), and {@code readBy}, a
     * time no change visible to the read committed after.
     */
    public record SourceRead(Instant readBy, Map<String, SourceImage> images) {
        public SourceRead {
            requireNonNull(readBy, "readBy is null");
            images = Map.copyOf(images);
        }
    }

    /** A key's silver row: the hash of its source columns, whether it is deleted, the {@code trx_seq} that wrote it. */
    public record LakeImage(long hash, boolean deleted, String trxSeq) {
        public LakeImage {
            requireNonNull(trxSeq, "trxSeq is null");
        }
    }

    /**
     * One lake read of some keys: the row of each key the silver table holds, and the apply's position read before
     * them: every change whose {@code trx_seq} is at or below it is in the table (the newest applied {@code trx_seq}, or
     * the seed's handoff when greater). {@code seedSeq} is that handoff: rows the seed or a reload wrote carry it.
     */
    public record LakeRead(Optional<String> position, Optional<String> seedSeq, Map<String, LakeImage> images) {
        public LakeRead {
            requireNonNull(position, "position is null");
            requireNonNull(seedSeq, "seedSeq is null");
            images = Map.copyOf(images);
        }

        /** True when every change committed at or before {@code time} is in the table. */
        public boolean passed(Instant time) {
            return position.map(seq -> isAfter(seq, time)).orElse(false);
        }
    }

    /** The outcome for {@code key} after a round that read {@code before}, {@code lake}, then {@code after}. */
    public static Outcome classify(String key, SourceRead before, LakeRead lake, SourceRead after) {
        var lakeRow = Optional.ofNullable(lake.images().get(key));
        var shown = lakeRow.filter(row -> !row.deleted()).map(LakeImage::hash);
        var first = Optional.ofNullable(before.images().get(key));
        var second = Optional.ofNullable(after.images().get(key));
        if (shown.equals(first.map(SourceImage::hash)) || shown.equals(second.map(SourceImage::hash))) {
            return Outcome.EQUAL;
        }
        var sameVersion = first.map(SourceImage::version).equals(second.map(SourceImage::version));
        if (sameVersion
                && (lake.passed(before.readBy())
                        || first.flatMap(SourceImage::committed)
                                .map(lake::passed)
                                .orElse(false))) {
            return Outcome.PERSISTENT;
        }
        if (lakeRow.filter(row -> writtenByApply(row, lake.seedSeq()) && isAtOrBefore(row.trxSeq(), before.readBy()))
                        .isPresent()
                && lake.passed(before.readBy())) {
            return Outcome.PERSISTENT;
        }
        return Outcome.UNDECIDED;
    }

    /** A reload's rows carry its handoff {@code trx_seq} but may hold later changes; only the apply's rows pin a time. */
    private static boolean writtenByApply(LakeImage row, Optional<String> seedSeq) {
        return seedSeq.map(seq -> row.trxSeq().compareTo(seq) > 0).orElse(false) && isSequence(row.trxSeq());
    }

    /** True when the change {@code seq} certainly committed after {@code time} (its time is truncated). */
    static boolean isAfter(String seq, Instant time) {
        return isSequence(seq) && ChangeSequence.parse(seq).commitTime().isAfter(time);
    }

    /** True when the change {@code seq} certainly committed at or before {@code time}. */
    static boolean isAtOrBefore(String seq, Instant time) {
        return isSequence(seq)
                && !ChangeSequence.parse(seq).commitTime().plus(SEQ_PRECISION).isAfter(time);
    }

    private static boolean isSequence(String seq) {
        return seq.length() == ChangeSequence.LENGTH && seq.chars().allMatch(Character::isDigit);
    }
}
