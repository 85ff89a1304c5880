package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a PostgreSQL source against what the DMS task and the lake need, before a pipeline starts (issue 14, part
 * 3): logical decoding on, a replication slot to be had, and for each table: it exists, it is protected
 * ({@link SourceProtection}), it has a primary key, no {@code numeric} without precision. Read-only; any role with
 * access to the catalogs may run it.
 */
public final class SourcePreflight {

    /** How bad a finding is: an error fails the check, a warning is printed. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** One finding: what it is about (the source, or {@code schema.table}), what will go wrong, and the fix. */
    public record Finding(Severity severity, String subject, String problem, String fix) {
        public Finding {
            requireNonNull(severity, "severity is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(problem, "problem is null");
            requireNonNull(fix, "fix is null");
        }

        @Override
        public String toString() {
            return "%-7s %s: %s. Fix: %s".formatted(severity, subject, problem, fix);
        }
    }

    /**
     * A configured table.
     *
     * @param keyedByAllColumns {@code key_strategy: all_columns}, meant for a table without a primary key
     */
    public record Table(String schema, String name, boolean keyedByAllColumns) {
        public Table {
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
        }

        String qualified() {
            return schema + "." + name;
        }
    }

    private static final String SOURCE = "source";

    private SourcePreflight() {}

    /** Every finding for the source and its {@code tables}, errors first. */
    public static List<Finding> check(Connection connection, String slotName, List<Table> tables) {
        try {
            var findings = new ArrayList<Finding>();
            checkServer(connection, slotName, findings);
            for (var table : tables) {
                checkTable(connection, table, findings);
            }
            findings.sort((left, right) -> left.severity().compareTo(right.severity()));
            return List.copyOf(findings);
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to check the source: %s", e.getMessage());
        }
    }

    private static void checkServer(Connection connection, String slotName, List<Finding> findings)
            throws SQLException {
        var walLevel = single(connection, "SELECT current_setting('wal_level')");
        if (!"logical".equals(walLevel)) {
            findings.add(
                    new Finding(
                            Severity.ERROR,
                            SOURCE,
                            "wal_level is " + walLevel + ", so DMS cannot read changes (logical decoding is off)",
                            "set wal_level = logical (on RDS: the parameter rds.logical_replication = 1) and restart the server"));
        }
        boolean slotExists;
        long freeSlots;
        try (var statement = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?),"
                        + " current_setting('max_replication_slots')::int - (SELECT count(*) FROM pg_replication_slots)")) {
            statement.setString(1, slotName);
            try (var result = statement.executeQuery()) {
                result.next();
                slotExists = result.getBoolean(1);
                freeSlots = result.getLong(2);
            }
        }
        if (!slotExists && freeSlots < 1) {
            findings.add(new Finding(
                    Severity.ERROR,
                    SOURCE,
                    "no free replication slot (max_replication_slots all used) and no slot " + slotName
                            + " yet, so the DMS task cannot start",
                    "drop an unused slot (SELECT pg_drop_replication_slot(name)) or raise max_replication_slots"));
        }
    }

    private static void checkTable(Connection connection, Table table, List<Finding> findings) throws SQLException {
        var regclass = SourceProtection.qualified(table.schema(), table.name());
        try (var statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, regclass);
            try (var result = statement.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    findings.add(new Finding(
                            Severity.ERROR,
                            table.qualified(),
                            "the table does not exist",
                            "create it, or remove step::system::" + table.qualified() + " from the configs"));
                    return;
                }
            }
        }
        for (var gap : SourceProtection.gaps(connection, table.schema(), table.name())) {
            findings.add(new Finding(
                    Severity.ERROR, table.qualified(), gap, SourceProtection.fix(table.schema(), table.name())));
        }
        checkPrimaryKey(connection, table, regclass, findings);
        for (var column : unboundedNumerics(connection, regclass)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    table.qualified(),
                    "column " + column + " is numeric without precision, which DMS writes as NUMERIC(28,6): it rounds"
                            + " values to 6 decimals, and jdbc_load refuses a value with more than 22 integer digits",
                    "declare the column numeric(p,s) with the precision its values need"));
        }
    }

    private static void checkPrimaryKey(Connection connection, Table table, String regclass, List<Finding> findings)
            throws SQLException {
        String identity;
        try (var statement = connection.prepareStatement("SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_index"
                + " WHERE indrelid = c.oid AND indisprimary) THEN 'pk' ELSE c.relreplident::text END"
                + " FROM pg_class c WHERE c.oid = ?::regclass")) {
            statement.setString(1, regclass);
            try (var result = statement.executeQuery()) {
                result.next();
                identity = result.getString(1);
            }
        }
        if (identity.equals("pk")) {
            return;
        }
        var problem = "the table has no primary key, so DMS ignores its UPDATEs and DELETEs (it captures inserts only)";
        if (!table.keyedByAllColumns()) {
            findings.add(new Finding(
                    Severity.ERROR,
                    table.qualified(),
                    problem + " and the configs key it by a primary key",
                    "add a primary key to the table"));
        } else if (!identity.equals("f")) {
            findings.add(new Finding(
                    Severity.ERROR,
                    table.qualified(),
                    problem + " unless it has REPLICA IDENTITY FULL, which it has not",
                    "ALTER TABLE " + regclass + " REPLICA IDENTITY FULL, or add a primary key"));
        } else {
            findings.add(new Finding(
                    Severity.WARNING,
                    table.qualified(),
                    "the table has no primary key; it is keyed by all its columns (key_strategy all_columns) and"
                            + " relies on REPLICA IDENTITY FULL for DMS to capture its updates and deletes",
                    "add a primary key when you can"));
        }
    }

    private static List<String> unboundedNumerics(Connection connection, String regclass) throws SQLException {
        var columns = new ArrayList<String>();
        try (var statement = connection.prepareStatement("SELECT a.attname FROM pg_attribute a"
                + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND a.atttypid = 'numeric'::regtype AND a.atttypmod < 0 ORDER BY a.attnum")) {
            statement.setString(1, regclass);
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        return columns;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
