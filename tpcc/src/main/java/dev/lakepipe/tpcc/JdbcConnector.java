package dev.lakepipe.tpcc;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the TPC-C database; each caller owns and closes what it gets. */
@FunctionalInterface
public interface JdbcConnector {
    Connection connect() throws SQLException;
}
