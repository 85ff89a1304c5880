package dev.lakepipe.steps.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.catalog.CatalogEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lag of {@code lakepipe tables describe} in the cases the Spark test does not reach. */
class TableFactsTest {

    private static final Instant APPLIED = Instant.parse("2026-11-23T11:30:00Z");
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aCaughtUpTableHasNoLagHoweverLongAgoItsLastChangeWas() {
        var facts = facts(Optional.of(APPLIED), Optional.of(PendingChanges.NONE));

        assertThat(facts.lagSeconds()).contains(0.0);
        assertThat(facts.newestCapturedChange()).contains(APPLIED);
    }

    @Test
    void changeFilesWithoutChangesAddNoLag() {
        var facts = facts(Optional.of(APPLIED), Optional.of(new PendingChanges(1, Optional.empty())));

        assertThat(facts.lagSeconds()).contains(0.0);
        assertThat(facts.toText())
                .contains(
                        "lag behind CDC     0.0 s (1 change file pending; newest captured change committed at the source"
                                + " 2026-11-23T11:30:00Z, newest applied change committed at the source 2026-11-23T11:30:00Z)");
    }

    @Test
    void isUnknownWithPendingChangesButNoneAppliedOrWithoutAChangeFolder() {
        var noneApplied = facts(Optional.empty(), Optional.of(new PendingChanges(3, Optional.of(APPLIED))));
        var gold = facts(Optional.empty(), Optional.empty());

        assertThat(noneApplied.lagSeconds()).isEmpty();
        assertThat(noneApplied.toText())
                .contains("lag behind CDC     unknown (3 change files pending, none applied yet)");
        assertThat(gold.lagSeconds()).isEmpty();
        assertThat(gold.toText())
                .contains("lag behind CDC     unknown (no CDC change folder for this table in the catalog)");
        assertThat(gold.toJson()).doesNotContain("lag_seconds").doesNotContain("pending_change_files");
    }

    private static TableFacts facts(Optional<Instant> newestApplied, Optional<PendingChanges> pending) {
        var entry = new CatalogEntry(
                "tpcc_lake",
                "tpcc_public_orders",
                "file:///lake/orders",
                CatalogEntry.HUDI,
                "COPY_ON_WRITE",
                List.of("o_id"),
                List.of(),
                "trx_seq",
                "public.orders",
                pending.isPresent() ? "file:///bronze/orders" : null,
                "2026-11-23T11:00:00Z");
        var files = FileStats.of(List.of(10L));
        return new TableFacts(
                entry,
                files,
                files,
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                newestApplied,
                pending,
                Optional.empty(),
                LATER);
    }
}
