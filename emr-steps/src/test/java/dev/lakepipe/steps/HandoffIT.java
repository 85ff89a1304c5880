package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.steps.spark.StepSpark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows change while jdbc_load runs. Every change the snapshot does not contain must sort after the
 * full-load trx_seq, and replaying all changes DMS-style (per key, the greatest trx_seq wins;
 * seq = commit time to 1/100 s + a counter in commit order) over the full load must give exactly
 * the source's final state.
 */
class HandoffIT {

    private static final int ROWS = 100_000;
    /** Changes the writer commits before the load starts, and again after it ended. */
    private static final int COMMITS = 50;

    @TempDir
    static Path home;

    /** One committed change: key, value after it (null = deleted), its AR_H_CHANGE_SEQ. */
    record Change(int id, Integer value, String seq) {}

    @Test
    void fullLoadSeqSortsBetweenContainedAndLaterChanges() throws Exception {
        TestSource.execute(
                "DROP TABLE IF EXISTS public.handoff",
                // The pad makes the heap big enough for several ctid ranges; updated rows move to other blocks.
                "CREATE TABLE public.handoff (id integer PRIMARY KEY, v integer NOT NULL, pad text NOT NULL DEFAULT repeat('x', 100))",
                "INSERT INTO public.handoff SELECT i, 0 FROM generate_series(1, " + ROWS + ") i",
                "SELECT lakepipe.protect('public.handoff')");
        var lake = new TestLake(home)
                .table(
                        "public.handoff",
                        Map.of("primary_key", "id", "is_partitioned", false),
                        Map.of(
                                "partitionColumn",
                                "id",
                                "lowerBound",
                                "1",
                                "upperBound",
                                String.valueOf(ROWS),
                                "numPartitions",
                                "4"));
        var snapshot = lake.snapshotUri();
        var stop = new AtomicBoolean();
        var commits = new Semaphore(0);
        var writer = CompletableFuture.supplyAsync(() -> write(stop, commits));
        awaitCommits(commits, writer);

        var load = JdbcLoadStep.load("--config", snapshot, "--table", "public.handoff");
        commits.drainPermits();
        awaitCommits(commits, writer);
        stop.set(true);
        var changes = writer.get();

        var bronze = new HashMap<Integer, Integer>();
        var loaded = StepSpark.session("test")
                .read()
                .parquet(lake.bronze("public", "handoff").toString())
                .select("id", "v")
                .collectAsList();
        loaded.forEach(row -> bronze.put(row.getInt(0), row.getInt(1)));
        assertThat(load.partitions()).as("COPY partitions").isGreaterThan(1);
        assertThat(loaded).as("no row read twice").hasSize(bronze.size());
        assertThat(load.rows()).isEqualTo(loaded.size());
        var fullLoadSeq = load.trxSeq();
        var notContained = 0;
        for (var change : changes) {
            var contained = contained(change, bronze);
            if (!contained) {
                notContained++;
                assertThat(change.seq())
                        .as("change %s is not in the snapshot", change)
                        .isGreaterThan(fullLoadSeq);
            }
        }
        assertThat(notContained).as("changes committed after the snapshot").isPositive();
        assertThat(changes.size() - notContained)
                .as("changes contained in the snapshot")
                .isPositive();
        assertThat(replay(bronze, fullLoadSeq, changes)).isEqualTo(sourceState());
    }

    /** Waits for {@value #COMMITS} more commits of the writer: changes before the snapshot, or after the load. */
    private static void awaitCommits(Semaphore commits, CompletableFuture<?> writer) throws InterruptedException {
        // The timeout only guards against a writer that died; its failure is then the one reported.
        if (!commits.tryAcquire(COMMITS, 5, TimeUnit.MINUTES)) {
            writer.join();
            throw new AssertionError("the writer made no " + COMMITS + " commits in 5 minutes");
        }
    }

    /**
     * Whether the snapshot contains a change. Keys of the initial load only get updates (values
     * increase) and at most one final delete; new keys get one insert and then updates, never a
     * delete; so the loaded row (or its absence) tells which prefix of a key's changes the snapshot holds.
     */
    private static boolean contained(Change change, Map<Integer, Integer> bronze) {
        var loaded = bronze.get(change.id());
        if (change.value() == null || loaded == null) {
            return loaded == null && change.id() <= ROWS;
        }
        return loaded >= change.value();
    }

    /** The silver table after applying every change with the payload's rule: per key, greatest seq wins. */
    private static Map<Integer, Integer> replay(
            Map<Integer, Integer> bronze, String fullLoadSeq, List<Change> changes) {
        var winners = new HashMap<Integer, Change>();
        bronze.forEach((id, value) -> winners.put(id, new Change(id, value, fullLoadSeq)));
        for (var change : changes) {
            winners.merge(
                    change.id(),
                    change,
                    (stored, incoming) -> incoming.seq().compareTo(stored.seq()) >= 0 ? incoming : stored);
        }
        var state = new HashMap<Integer, Integer>();
        winners.values().stream()
                .filter(change -> change.value() != null)
                .forEach(change -> state.put(change.id(), change.value()));
        return state;
    }

    private static Map<Integer, Integer> sourceState() throws SQLException {
        var state = new HashMap<Integer, Integer>();
        try (var connection = TestSource.admin();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT id, v FROM public.handoff")) {
            while (rows.next()) {
                state.put(rows.getInt(1), rows.getInt(2));
            }
        }
        return state;
    }

    /** One writer: updates (v+1), deletes and inserts random rows, one change per transaction, numbered in commit order. */
    private static List<Change> write(AtomicBoolean stop, Semaphore commits) {
        var random = new Random(7);
        var values = new HashMap<Integer, Integer>();
        var deleted = new HashSet<Integer>();
        var changes = new ArrayList<Change>();
        var nextId = ROWS;
        try (var connection = TestSource.admin()) {
            connection.setAutoCommit(false);
            long counter = 0;
            while (!stop.get()) {
                var dice = random.nextInt(20);
                int id;
                Integer next;
                String sql;
                if (dice == 0) {
                    id = ++nextId;
                    next = 1;
                    sql = "INSERT INTO public.handoff VALUES (" + id + ", 1)";
                } else {
                    id = dice < 4 && nextId > ROWS
                            ? ROWS + 1 + random.nextInt(nextId - ROWS)
                            : 1 + random.nextInt(ROWS);
                    if (deleted.contains(id)) {
                        continue;
                    }
                    if (dice == 1 && id <= ROWS) {
                        next = null;
                        deleted.add(id);
                        sql = "DELETE FROM public.handoff WHERE id = " + id;
                    } else {
                        next = values.getOrDefault(id, id > ROWS ? 1 : 0) + 1;
                        sql = "UPDATE public.handoff SET v = " + next + " WHERE id = " + id;
                    }
                }
                var xid = execute(connection, sql);
                connection.commit();
                values.put(id, next);
                changes.add(
                        new Change(id, next, new ChangeSequence(commitTime(connection, xid), ++counter).toString()));
                commits.release();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return changes;
    }

    private static String execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
            try (var rows = statement.executeQuery("SELECT pg_current_xact_id()::text")) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static Instant commitTime(Connection connection, String xid) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_xact_commit_timestamp('" + xid + "'::xid)")) {
            rows.next();
            var time = rows.getObject(1, OffsetDateTime.class).toInstant();
            connection.commit();
            return time;
        }
    }
}
