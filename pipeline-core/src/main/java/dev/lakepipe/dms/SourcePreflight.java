package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.KeyStrategy;
import dev.lakepipe.config.SystemStepConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a PostgreSQL source against what the DMS task and the lake need, before a pipeline starts (issue 14, part
 * 3): logical decoding on, a replication slot to be had, the slot's retained WAL against
 * {@code max_slot_wal_keep_size}, no long-running transaction, and for each table: it exists, it is protected
 * ({@link SourceProtection}), it has a primary key, Spark's role may read it, no {@code numeric} without precision.
 * Read-only; any role may run it: the CLI runs it as the admin role, a jdbc_load run as the Spark secret's role
 * ({@code SourceCheckStep}), which sees other roles' transactions only with {@code pg_read_all_stats} ({@code
 * pg_monitor}) and is told so.
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

        /** The table of a configured system step, keyed by all columns when its {@code key_strategy} says so. */
        public static Table of(SystemStepConfig step) {
            return new Table(
                    step.table().schema(),
                    step.table().table(),
                    step.hudiConfig().keyStrategy() == KeyStrategy.ALL_COLUMNS);
        }

        String qualified() {
            return schema + "." + name;
        }
    }

    /**
     * What the checks compare against.
     *
     * @param slotName the DMS task's replication slot
     * @param sparkUser the role of the Spark secret, which jdbc_load reads the tables with
     * @param longTransaction how long a transaction may stay open before it is reported
     */
    public record Settings(String slotName, String sparkUser, Duration longTransaction) {
        public static final Duration DEFAULT_LONG_TRANSACTION = Duration.ofMinutes(5);

        public Settings {
            requireNonNull(slotName, "slotName is null");
            requireNonNull(sparkUser, "sparkUser is null");
            requireNonNull(longTransaction, "longTransaction is null");
        }

        /** The DMS task's slot and the default long-transaction limit, for the Spark secret's user. */
        public static Settings forSparkUser(String sparkUser) {
            return new Settings(DmsPostgresSourceSettings.DEFAULT_SLOT_NAME, sparkUser, DEFAULT_LONG_TRANSACTION);
        }
    }

    /** The findings of one check of {@code tables} tables, as the CLI and the jdbc_load step print them. */
    public record Report(int tables, List<Finding> findings) {
        public Report {
            findings = List.copyOf(findings);
        }

        public List<Finding> errors() {
            return findings.stream()
                    .filter(finding -> finding.severity() == Severity.ERROR)
                    .toList();
        }

        /** Each finding, then {@code source check: N tables, E errors, W warnings}. */
        public List<String> lines() {
            var lines = new ArrayList<String>();
            findings.forEach(finding -> lines.add(finding.toString()));
            var errors = errors().size();
            lines.add("source check: %d tables, %d errors, %d warnings"
                    .formatted(tables, errors, findings.size() - errors));
            return List.copyOf(lines);
        }
    }

    private static final String SOURCE = "source";
    private static final long MIB = 1024 * 1024;

    private SourcePreflight() {}

    /** {@link #check} as a report. */
    public static Report report(Connection connection, Settings settings, List<Table> tables) {
        return new Report(tables.size(), check(connection, settings, tables));
    }

    /** Every finding for the source and its {@code tables}, errors first. */
    public static List<Finding> check(Connection connection, Settings settings, List<Table> tables) {
        requireNonNull(settings, "settings is null");
        try {
            var findings = new ArrayList<Finding>();
            checkServer(connection, settings.slotName(), findings);
            checkRetainedWal(connection, settings.slotName(), findings);
            checkLongTransactions(connection, settings.longTransaction(), findings);
            var sparkUserExists = checkRole(connection, settings.sparkUser(), findings);
            for (var table : tables) {
                checkTable(
                        connection,
                        table,
                        sparkUserExists ? Optional.of(settings.sparkUser()) : Optional.empty(),
                        findings);
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

    /** A slot's WAL: lost (changes are gone), about to be removed, or kept without limit by the server's settings. */
    private static void checkRetainedWal(Connection connection, String slotName, List<Finding> findings)
            throws SQLException {
        var keepSize = single(connection, "SELECT current_setting('max_slot_wal_keep_size')");
        if ("-1".equals(keepSize)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    SOURCE,
                    "max_slot_wal_keep_size is -1, so the replication slot keeps WAL without limit: a DMS task that"
                            + " stops or falls behind fills the source's disk",
                    "set max_slot_wal_keep_size to what the disk can spare (on RDS: the parameter group) and alarm on"
                            + " the slot's lag; past it the slot is lost and the tables need a reload"));
        }
        try (var statement = connection.prepareStatement("SELECT wal_status,"
                + " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint FROM pg_replication_slots"
                + " WHERE slot_name = ?")) {
            statement.setString(1, slotName);
            try (var result = statement.executeQuery()) {
                if (result.next()) {
                    slotFinding(slotName, result.getString(1), result.getLong(2), keepSize)
                            .ifPresent(findings::add);
                }
            }
        }
    }

    private static Optional<Finding> slotFinding(String slotName, String walStatus, long retained, String keepSize) {
        var subject = "replication slot " + slotName;
        return switch (walStatus == null ? "lost" : walStatus) {
            case "lost" ->
                Optional.of(new Finding(
                        Severity.ERROR,
                        subject,
                        "the server removed WAL the slot still needed (wal_status lost), so changes made since are gone"
                                + " from CDC and the lake would silently miss them",
                        "drop the slot (SELECT pg_drop_replication_slot('" + slotName + "')), restart the DMS task and"
                                + " reload every table (lakepipe run jdbc_load)"));
            case "unreserved" ->
                Optional.of(new Finding(
                        Severity.ERROR,
                        subject,
                        "it retains " + retained / MIB + " MiB of WAL, past max_slot_wal_keep_size (" + keepSize
                                + "): the next checkpoint removes WAL it still needs",
                        "resume the DMS task now so it catches up, or raise max_slot_wal_keep_size"));
            case "extended" ->
                Optional.of(new Finding(
                        Severity.WARNING,
                        subject,
                        "it retains " + retained / MIB + " MiB of WAL, more than max_wal_size: the DMS task is stopped"
                                + " or behind",
                        "check the DMS task (lakepipe cdc status locally, its CDC latency on AWS) and resume it"));
            default -> Optional.empty();
        };
    }

    private static void checkLongTransactions(Connection connection, Duration limit, List<Finding> findings)
            throws SQLException {
        if (!isTrue(connection, "SELECT pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')")) {
            var user = single(connection, "SELECT current_user");
            findings.add(new Finding(
                    Severity.WARNING,
                    SOURCE,
                    "role " + user + " sees only its own sessions in pg_stat_activity, so a long-running transaction"
                            + " of another role goes unreported",
                    "GRANT pg_monitor TO " + user + " (on RDS as the master user), or run lakepipe source check as a"
                            + " role that has it"));
        }
        try (var statement = connection.prepareStatement("SELECT pid, usename,"
                + " extract(epoch FROM now() - xact_start)::bigint FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()"
                + " AND now() - xact_start > make_interval(secs => ?) ORDER BY xact_start")) {
            statement.setLong(1, limit.toSeconds());
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    var pid = result.getLong(1);
                    findings.add(new Finding(
                            Severity.WARNING,
                            SOURCE,
                            "a transaction of " + result.getString(2) + " (pid " + pid + ") has been open for "
                                    + result.getLong(3) + " s: creating the DMS slot and the full load's snapshot"
                                    + " wait for it to end, and the slot keeps WAL from its start",
                            "end it (COMMIT or ROLLBACK in its session, or SELECT pg_terminate_backend(" + pid + "))"));
                }
            }
        }
    }

    private static boolean checkRole(Connection connection, String role, List<Finding> findings) throws SQLException {
        if (isTrue(connection, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)", role)) {
            return true;
        }
        findings.add(new Finding(
                Severity.ERROR,
                SOURCE,
                "role " + role + ", the user of the Spark secret, does not exist, so jdbc_load cannot log in",
                "create it (CREATE ROLE " + role + " LOGIN PASSWORD ...) or fix the user in the Spark secret"));
        return false;
    }

    private static void checkTable(
            Connection connection, Table table, Optional<String> sparkUser, List<Finding> findings)
            throws SQLException {
        var regclass = SourceProtection.qualified(table.schema(), table.name());
        if (!isTrue(connection, "SELECT to_regclass(?) IS NOT NULL", regclass)) {
            findings.add(new Finding(
                    Severity.ERROR,
                    table.qualified(),
                    "the table does not exist",
                    "create it, or remove step::system::" + table.qualified() + " from the configs"));
            return;
        }
        for (var gap : SourceProtection.gaps(connection, table.schema(), table.name())) {
            findings.add(new Finding(
                    Severity.ERROR, table.qualified(), gap, SourceProtection.fix(table.schema(), table.name())));
        }
        checkPrimaryKey(connection, table, regclass, findings);
        if (sparkUser.isPresent()) {
            checkSelectRight(connection, table, regclass, sparkUser.get(), findings);
        }
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

    private static void checkSelectRight(
            Connection connection, Table table, String regclass, String sparkUser, List<Finding> findings)
            throws SQLException {
        if (!isTrue(
                connection,
                "SELECT has_schema_privilege(?, ?, 'USAGE') AND has_table_privilege(?, ?::regclass, 'SELECT')",
                sparkUser,
                table.schema(),
                sparkUser,
                regclass)) {
            findings.add(new Finding(
                    Severity.ERROR,
                    table.qualified(),
                    sparkUser + ", the user of the Spark secret, may not read it (SELECT on the table, USAGE"
                            + " on its schema), so jdbc_load fails",
                    "GRANT USAGE ON SCHEMA " + SourceProtection.quote(table.schema()) + " TO " + sparkUser
                            + "; GRANT SELECT ON " + regclass + " TO " + sparkUser));
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

    /** The boolean that the one-row query {@code sql} returns with {@code parameters} bound in order. */
    private static boolean isTrue(Connection connection, String sql, String... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
