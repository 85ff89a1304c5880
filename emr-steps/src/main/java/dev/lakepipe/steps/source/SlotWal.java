package dev.lakepipe.steps.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.secrets.DatabaseSecret;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAL the DMS replication slot keeps on the source ({@code pg_current_wal_lsn()} minus the slot's
 * {@code restart_lsn}), read as the Spark user: {@code pg_replication_slots} is readable by every user. Empty where the
 * step cannot see it (no such slot, the source unreachable, a server that refuses the query), logged once.
 */
public final class SlotWal {

    private static final Logger LOG = LoggerFactory.getLogger(SlotWal.class);
    private static final String QUERY = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";

    private final DatabaseSecret secret;
    private final String slotName;
    private volatile boolean reported;

    public SlotWal(DatabaseSecret secret, String slotName) {
        this.secret = requireNonNull(secret, "secret is null");
        this.slotName = requireNonNull(slotName, "slotName is null");
    }

    public Optional<Long> retainedBytes() {
        var properties = secret.connectionProperties();
        // A figure is not worth stalling the apply for: give up on a source that does not answer.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        try (var connection = DriverManager.getConnection(secret.jdbcUrl(), properties);
                var statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, slotName);
            try (var result = statement.executeQuery()) {
                if (result.next() && result.getObject(1) != null) {
                    return Optional.of(result.getLong(1));
                }
            }
            once("no replication slot {} on the source (the DMS task creates it): no retained-WAL figure", slotName);
            return Optional.empty();
        } catch (SQLException e) {
            once("Cannot read the retained WAL of replication slot {}: {}", slotName, e.getMessage());
            return Optional.empty();
        }
    }

    private void once(String format, Object... args) {
        if (!reported) {
            reported = true;
            LOG.warn(format, args);
        }
    }
}
