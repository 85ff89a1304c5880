package dev.lakepipe.steps.source;

import dev.lakepipe.secrets.DatabaseSecret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Source connections as the load uses them. */
public final class PgConnections {

    private PgConnections() {}

    /** A connection whose next statement starts a REPEATABLE READ, READ ONLY transaction. */
    public static Connection repeatableReadOnly(DatabaseSecret secret) throws SQLException {
        var connection = DriverManager.getConnection(secret.jdbcUrl(), secret.connectionProperties());
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
