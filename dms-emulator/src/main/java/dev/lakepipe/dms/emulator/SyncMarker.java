package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A point in the source's WAL that the emulator can wait for: a non-transactional logical decoding message, decoded
 * in WAL order, so it reaches the emulator after every change committed before it was written. DMS ignores such
 * messages, so a marker leaves nothing in the change files.
 */
final class SyncMarker {
    static final String PREFIX = "lakepipe.emulator.sync";

    private SyncMarker() {}

    /** Writes a new marker into the source's WAL and returns it. */
    static String emit(SourceConnection source) {
        var marker = UUID.randomUUID().toString();
        try (var connection = source.open();
                var statement = connection.prepareStatement("SELECT pg_logical_emit_message(false, ?, ?)")) {
            statement.setString(1, PREFIX);
            statement.setString(2, marker);
            statement.execute();
            return marker;
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to write a sync marker into the WAL of %s: %s", source, e.getMessage());
        }
    }
}
