package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.verify.KeyRecheck.Outcome;
import dev.lakepipe.steps.verify.KeyRecheck.SourceRead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of a live verify's re-check: read the differing keys at the source, in the lake, at the source again;
 * settle what {@link KeyRecheck} can; wait until the apply has passed the last source read; go again with the keys
 * left. The cost is a read by key per round on each side, proportional to the keys, not the table.
 */
final class LiveRecheck {

    /** Rounds before a key still changing at the source is reported unsettled. */
    static final int ROUNDS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(LiveRecheck.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String table;
    private final SourceKeys source;
    private final LakeKeys lake;
    private final Duration catchUpWait;

    LiveRecheck(String table, SourceKeys source, LakeKeys lake, Duration catchUpWait) {
        this.table = requireNonNull(table, "table is null");
        this.source = requireNonNull(source, "source is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.catchUpWait = requireNonNull(catchUpWait, "catchUpWait is null");
    }

    /** The keys whose difference persists, and those that changed at the source in every round. */
    record Settled(List<String> persistent, List<String> unsettled) {}

    Settled run(List<DifferingKey> differing) {
        var keys = differing;
        var persistent = new ArrayList<String>();
        var before = source.read(keys);
        for (int round = 1; ; round++) {
            var lakeRead = lake.read(keys);
            var after = source.read(keys);
            var undecided = new ArrayList<DifferingKey>();
            for (var key : keys) {
                var outcome = KeyRecheck.classify(key.key(), before, lakeRead, after);
                if (outcome == Outcome.PERSISTENT) {
                    persistent.add(key.key());
                } else if (outcome == Outcome.UNDECIDED) {
                    undecided.add(key);
                }
            }
            LOG.info(
                    "{}: re-check round {} of {} keys: {} persistent so far, {} undecided",
                    table,
                    round,
                    keys.size(),
                    persistent.size(),
                    undecided.size());
            if (undecided.isEmpty() || round == ROUNDS) {
                return new Settled(
                        persistent.stream().sorted().toList(),
                        undecided.stream().map(DifferingKey::key).sorted().toList());
            }
            keys = undecided;
            before = after;
            awaitApplyPast(before, keys.size());
        }
    }

    private void awaitApplyPast(SourceRead read, int keys) {
        var deadline = System.nanoTime() + catchUpWait.toNanos();
        var position = lake.position();
        while (position.filter(seq -> KeyRecheck.isAfter(seq, read.readBy())).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new LakepipeException(
                        "Cannot finish the live verify of %s: the apply has not passed the source read of %s within"
                                + " %s s (%s); %d keys still differ and cannot be settled before it has. Check that the"
                                + " apply runs (continuous_hudi, or the incremental schedule; 'lakepipe status') and"
                                + " that CDC captures the table ('lakepipe cdc status'; on AWS the DMS task). A table"
                                + " with no change since then cannot pass it: verify it without --live",
                        table, read.readBy(), catchUpWait.toSeconds(), behind(position, read.readBy()), keys);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakepipeException(e, "Interrupted while waiting for the apply of %s", table);
            }
            position = lake.position();
        }
    }

    private static String behind(Optional<String> position, Instant read) {
        return position.map(seq -> {
                    var applied = ChangeSequence.parse(seq).commitTime();
                    return "it has applied changes up to " + applied + ", "
                            + Duration.between(applied, read).toMillis() / 1000.0 + " s behind";
                })
                .orElse("no change applied since the seed, and the seed recorded no handoff");
    }
}
