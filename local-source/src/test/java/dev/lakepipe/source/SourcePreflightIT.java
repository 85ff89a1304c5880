package dev.lakepipe.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.deploy.StackNames;
import dev.lakepipe.dms.SourcePreflight;
import dev.lakepipe.dms.SourcePreflight.Table;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source preflight on a real PostgreSQL built to trip each finding. */
class SourcePreflightIT {

    private static final String SLOT = "preflight_slot";

    @TempDir
    Path home;

    private LocalSource source() {
        return LocalSource.builder()
                .home(home)
                .durable(false)
                .names(SourceNames.of(new StackNames("preflight"), "shop"))
                .schema(SourceSchema.existing("public"))
                .build();
    }

    private static SourcePreflight.Settings settings(LocalSource source, Duration longTransaction) {
        return new SourcePreflight.Settings(SLOT, source.sparkSecret().username(), longTransaction);
    }

    @Test
    void reportsEachTableThatWouldDivergeTheLakeWithTheFix() throws Exception {
        try (var source = source();
                var connection = source.adminConnection();
                var statement = connection.createStatement();
                var idle = source.adminConnection();
                var open = idle.createStatement()) {
            var spark = source.sparkSecret().username();
            statement.execute("CREATE TABLE public.sound (id int PRIMARY KEY, amount numeric(10,2), note text)");
            statement.execute("CREATE TABLE public.unprotected (id int PRIMARY KEY, note text)");
            statement.execute("CREATE TABLE public.no_key (a int, b int)");
            statement.execute("CREATE TABLE public.no_key_full (a int, b int)");
            statement.execute("ALTER TABLE public.no_key_full REPLICA IDENTITY FULL");
            statement.execute("CREATE TABLE public.no_key_default (a int, b int)");
            statement.execute("CREATE TABLE public.free (id int PRIMARY KEY, v numeric)");
            statement.execute("CREATE TABLE public.hidden (id int PRIMARY KEY)");
            statement.execute("REVOKE SELECT ON public.hidden FROM " + spark);
            for (var table : List.of("sound", "no_key", "no_key_full", "no_key_default", "free", "hidden")) {
                statement.execute("SELECT lakepipe.protect('public." + table + "')");
            }
            idle.setAutoCommit(false);
            open.execute("SELECT txid_current()");
            var pid = single(open, "SELECT pg_backend_pid()");

            var findings = SourcePreflight.check(
                    connection,
                    settings(source, Duration.ZERO),
                    List.of(
                            new Table("public", "sound", false),
                            new Table("public", "unprotected", false),
                            new Table("public", "no_key", false),
                            new Table("public", "no_key_full", true),
                            new Table("public", "no_key_default", true),
                            new Table("public", "free", false),
                            new Table("public", "hidden", false),
                            new Table("public", "missing", false)));

            assertThat(findings)
                    .extracting(finding -> finding.toString().replaceFirst("open for \\d+ s", "open for N s"))
                    .containsExactly(
                            "ERROR   public.unprotected: no enabled AFTER TRUNCATE trigger lakepipe_truncate, so a"
                                    + " TRUNCATE would leave the removed rows in the lake. Fix: run"
                                    + " dev/lakepipe/dms/source-protection.sql once on the source database as its master"
                                    + " user, then SELECT lakepipe.protect('\"public\".\"unprotected\"') as the table's owner",
                            "ERROR   public.unprotected: column note can be stored out of line (TOAST) and no enabled"
                                    + " trigger lakepipe_retoast re-sends it, so an update that leaves it unchanged would"
                                    + " write NULL for it in the lake. Fix: run dev/lakepipe/dms/source-protection.sql"
                                    + " once on the source database as its master user, then SELECT"
                                    + " lakepipe.protect('\"public\".\"unprotected\"') as the table's owner",
                            "ERROR   public.no_key: the table has no primary key, so DMS ignores its UPDATEs and DELETEs"
                                    + " (it captures inserts only) and the configs key it by a primary key. Fix: add a"
                                    + " primary key to the table",
                            "ERROR   public.no_key_default: the table has no primary key, so DMS ignores its UPDATEs and"
                                    + " DELETEs (it captures inserts only) unless it has REPLICA IDENTITY FULL, which it"
                                    + " has not. Fix: ALTER TABLE \"public\".\"no_key_default\" REPLICA IDENTITY FULL, or"
                                    + " add a primary key",
                            "ERROR   public.hidden: " + spark
                                    + ", the user of the Spark secret, may not read it (SELECT"
                                    + " on the table, USAGE on its schema), so jdbc_load fails. Fix: GRANT USAGE ON"
                                    + " SCHEMA \"public\" TO " + spark + "; GRANT SELECT ON \"public\".\"hidden\" TO "
                                    + spark,
                            "ERROR   public.missing: the table does not exist. Fix: create it, or remove"
                                    + " step::system::public.missing from the configs",
                            "WARNING source: max_slot_wal_keep_size is -1, so the replication slot keeps WAL without"
                                    + " limit: a DMS task that stops or falls behind fills the source's disk. Fix: set"
                                    + " max_slot_wal_keep_size to what the disk can spare (on RDS: the parameter group)"
                                    + " and alarm on the slot's lag; past it the slot is lost and the tables need a"
                                    + " reload",
                            "WARNING source: a transaction of postgres (pid " + pid + ") has been open for N s:"
                                    + " creating the DMS slot and the full load's snapshot wait for it to end, and the"
                                    + " slot keeps WAL from its start. Fix: end it (COMMIT or ROLLBACK in its session,"
                                    + " or SELECT pg_terminate_backend(" + pid + "))",
                            "WARNING public.no_key_full: the table has no primary key; it is keyed by all its columns"
                                    + " (key_strategy all_columns) and relies on REPLICA IDENTITY FULL for DMS to capture"
                                    + " its updates and deletes. Fix: add a primary key when you can",
                            "WARNING public.free: column v is numeric without precision, which DMS writes as"
                                    + " NUMERIC(28,6): it rounds values to 6 decimals, and jdbc_load refuses a value with"
                                    + " more than 22 integer digits. Fix: declare the column numeric(p,s) with the"
                                    + " precision its values need");
        }
    }

    @Test
    void reportsASlotThatLostWalAndASparkUserThatDoesNotExist() throws Exception {
        try (var source = source();
                var connection = source.adminConnection();
                var statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
            statement.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'");
            statement.execute("SELECT pg_reload_conf()");
            statement.execute("CREATE TABLE public.filler (v text)");
            for (int segment = 0; segment < 3; segment++) {
                statement.execute("INSERT INTO public.filler SELECT repeat('x', 1000) FROM generate_series(1, 2000)");
                statement.execute("SELECT pg_switch_wal()");
            }
            statement.execute("CHECKPOINT");

            var findings = SourcePreflight.check(
                    connection,
                    new SourcePreflight.Settings(SLOT, "no_such_role", Duration.ofHours(1)),
                    List.of(new Table("public", "filler", true)));

            assertThat(findings)
                    .extracting(SourcePreflight.Finding::toString)
                    .contains(
                            "ERROR   replication slot " + SLOT + ": the server removed WAL the slot still needed"
                                    + " (wal_status lost), so changes made since are gone from CDC and the lake would"
                                    + " silently miss them. Fix: drop the slot (SELECT pg_drop_replication_slot('"
                                    + SLOT
                                    + "')), restart the DMS task and reload every table (lakepipe run jdbc_load)",
                            "ERROR   source: role no_such_role, the user of the Spark secret, does not exist, so"
                                    + " jdbc_load cannot log in. Fix: create it (CREATE ROLE no_such_role LOGIN"
                                    + " PASSWORD ...) or fix the user in the Spark secret")
                    .noneMatch(finding -> finding.startsWith("WARNING source: max_slot_wal_keep_size"))
                    .noneMatch(finding -> finding.contains("may not read it"));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
