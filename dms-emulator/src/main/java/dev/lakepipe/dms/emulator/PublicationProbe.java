package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import java.sql.SQLException;

/** Asks the source whether a pgoutput publication exists (one JDBC query, before the engine starts). */
final class PublicationProbe {
    private PublicationProbe() {}

    static boolean exists(SourceConnection source, String publication) {
        try (var connection = source.open();
                var statement = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Cannot start the DMS emulator: failed to connect to %s: %s", source, e.getMessage());
        }
    }
}
