package dev.lakepipe.steps.load;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.PgConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL snapshot every partition of a table's load reads. The exporting transaction
 * stays open (this object holds its connection) until {@link #close()}. {@link #handoff()} is the
 * bound of docs/full-load.md: no change invisible to the snapshot has a commit time below it.
 */
public final class SourceSnapshot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSnapshot.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Connection connection;
    private final String snapshotId;
    private final Instant statementStart;
    private final String pgSnapshot;
    private final boolean commitTimestamps;

    private SourceSnapshot(
            Connection connection,
            String snapshotId,
            Instant statementStart,
            String pgSnapshot,
            boolean commitTimestamps) {
        this.connection = connection;
        this.snapshotId = snapshotId;
        this.statementStart = statementStart;
        this.pgSnapshot = pgSnapshot;
        this.commitTimestamps = commitTimestamps;
    }

    /** Opens a REPEATABLE READ, READ ONLY transaction and exports its snapshot. */
    public static SourceSnapshot export(DatabaseSecret secret) {
        try {
            var connection = PgConnections.repeatableReadOnly(secret);
            try {
                // One statement: its snapshot becomes the transaction's; statement_timestamp() is read before it.
                var sql = "SELECT pg_export_snapshot(), statement_timestamp(), pg_current_snapshot()::text,"
                        + " current_setting('track_commit_timestamp') = 'on'";
                try (var statement = connection.createStatement();
                        var rows = statement.executeQuery(sql)) {
                    rows.next();
                    return new SourceSnapshot(
                            connection,
                            rows.getString(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getString(3),
                            rows.getBoolean(4));
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to export a snapshot from %s: %s", secret, e.getMessage());
        }
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** The exporting connection, inside the snapshot (for bounds and counts that must agree with the load). */
    public Connection connection() {
        return connection;
    }

    /** {@code xmin:xmax:xip} of the snapshot, for the handoff record. */
    public String pgSnapshot() {
        return pgSnapshot;
    }

    /**
     * The handoff bound. With {@code track_commit_timestamp=on}: waits until every transaction that
     * was running when the snapshot was taken has ended, then returns the earliest of the statement
     * start and the commit times of those that committed invisibly to the snapshot — exact. Without
     * it: statement start minus {@code margin}.
     */
    public Instant handoff(DatabaseSecret secret, Duration margin, Duration maxWait) {
        if (!commitTimestamps) {
            LOG.warn(
                    "track_commit_timestamp is off on the source; full-load handoff uses a {} s margin instead of the exact bound",
                    margin.toSeconds());
            return statementStart.minus(margin);
        }
        try (var other = DriverManager.getConnection(secret.jdbcUrl(), secret.connectionProperties())) {
            long after = queryLong(other, "SELECT pg_current_xact_id()::text::bigint");
            awaitTransactionsBefore(other, after, maxWait);
            var sql = """
                    SELECT min(pg_xact_commit_timestamp((x % 4294967296)::text::xid))
                    FROM generate_series(pg_snapshot_xmin(?::pg_snapshot)::text::bigint, ? - 1) AS x
                    WHERE NOT pg_visible_in_snapshot(x::text::xid8, ?::pg_snapshot)
                      AND pg_xact_status(x::text::xid8) = 'committed'""";
            try (var statement = other.prepareStatement(sql)) {
                statement.setString(1, pgSnapshot);
                statement.setLong(2, after);
                statement.setString(3, pgSnapshot);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    var earliest = rows.getObject(1, OffsetDateTime.class);
                    return earliest == null || earliest.toInstant().isAfter(statementStart)
                            ? statementStart
                            : earliest.toInstant();
                }
            }
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to compute the full-load handoff for snapshot %s: %s", snapshotId, e.getMessage());
        }
    }

    private static void awaitTransactionsBefore(Connection connection, long xid, Duration maxWait) throws SQLException {
        var deadline = System.nanoTime() + maxWait.toNanos();
        while (queryLong(connection, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint") < xid) {
            if (System.nanoTime() > deadline) {
                throw new LakepipeException(
                        "Cannot compute the full-load handoff: a transaction older than xid %s is still open after %s s; "
                                + "end it (see pg_stat_activity.backend_xid) and rerun jdbc_load",
                        xid, maxWait.toSeconds());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakepipeException(e, "Interrupted while waiting for transactions older than xid %s", xid);
            }
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to end the snapshot transaction %s", snapshotId);
        }
    }
}
