package dev.lakepipe.source;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the source database; each caller owns and closes what it gets. */
@FunctionalInterface
public interface JdbcConnector {
    Connection connect() throws SQLException;
}
