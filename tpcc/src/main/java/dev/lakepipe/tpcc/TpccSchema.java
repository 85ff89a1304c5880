package dev.lakepipe.tpcc;

import dev.lakepipe.source.SourceException;
import java.sql.Connection;
import java.sql.SQLException;

/** Creates and inspects the TPROC-C tables in a database. */
public final class TpccSchema {

    private TpccSchema() {}

    /**
     * Creates the nine tables and their indexes in one transaction. {@code history} has no primary
     * key; it gets {@code REPLICA IDENTITY FULL} so that an UPDATE or DELETE on it (TPC-C never
     * issues one) still decodes under logical replication instead of failing on the source.
     */
    public static void create(Connection connection) {
        try (var statement = connection.createStatement()) {
            var autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            for (var table : TpccTable.values()) {
                for (var sql : table.ddl()) {
                    statement.execute(sql);
                }
            }
            statement.execute("ALTER TABLE history REPLICA IDENTITY FULL");
            connection.commit();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to create the TPC-C schema: %s", e.getMessage());
        }
    }

    /** True when all nine tables exist in {@link TpccTable#SCHEMA}. */
    public static boolean exists(Connection connection) {
        var sql = "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ANY (?)";
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, TpccTable.SCHEMA);
            statement.setArray(2, connection.createArrayOf("text", tableNames()));
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1) == TpccTable.values().length;
            }
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to inspect the TPC-C schema: %s", e.getMessage());
        }
    }

    /** Empties every TPC-C table (one TRUNCATE; logical replication sees it as a truncate, not deletes). */
    public static void truncate(Connection connection) {
        var names = String.join(", ", tableNames());
        try (var statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + names);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to truncate the TPC-C tables: %s", e.getMessage());
        }
    }

    /** Exact row count of one table. */
    public static long rowCount(Connection connection, TpccTable table) {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM " + table.qualifiedName())) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to count rows of %s: %s", table.qualifiedName(), e.getMessage());
        }
    }

    private static String[] tableNames() {
        var values = TpccTable.values();
        var names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].tableName();
        }
        return names;
    }
}
