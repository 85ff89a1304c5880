package dev.lakepipe.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.deploy.StackNames;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.dms.SourcePreflight;
import dev.lakepipe.dms.SourcePreflight.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source preflight on a real PostgreSQL whose tables are built to trip each table finding. */
class SourcePreflightIT {

    @TempDir
    Path home;

    @Test
    void reportsEachTableThatWouldDivergeTheLakeWithTheFix() throws Exception {
        try (var source = LocalSource.builder()
                        .home(home)
                        .durable(false)
                        .names(SourceNames.of(new StackNames("preflight"), "shop"))
                        .schema(SourceSchema.existing("public"))
                        .build();
                var connection = source.adminConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE public.sound (id int PRIMARY KEY, amount numeric(10,2), note text)");
            statement.execute("CREATE TABLE public.unprotected (id int PRIMARY KEY, note text)");
            statement.execute("CREATE TABLE public.no_key (a int, b int)");
            statement.execute("CREATE TABLE public.no_key_full (a int, b int)");
            statement.execute("ALTER TABLE public.no_key_full REPLICA IDENTITY FULL");
            statement.execute("CREATE TABLE public.no_key_default (a int, b int)");
            statement.execute("CREATE TABLE public.free (id int PRIMARY KEY, v numeric)");
            for (var table : List.of("sound", "no_key", "no_key_full", "no_key_default", "free")) {
                statement.execute("SELECT lakepipe.protect('public." + table + "')");
            }

            var findings = SourcePreflight.check(
                    connection,
                    DmsPostgresSourceSettings.DEFAULT_SLOT_NAME,
                    List.of(
                            new Table("public", "sound", false),
                            new Table("public", "unprotected", false),
                            new Table("public", "no_key", false),
                            new Table("public", "no_key_full", true),
                            new Table("public", "no_key_default", true),
                            new Table("public", "free", false),
                            new Table("public", "missing", false)));

            assertThat(findings)
                    .extracting(SourcePreflight.Finding::toString)
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
                            "ERROR   public.missing: the table does not exist. Fix: create it, or remove"
                                    + " step::system::public.missing from the configs",
                            "WARNING public.no_key_full: the table has no primary key; it is keyed by all its columns"
                                    + " (key_strategy all_columns) and relies on REPLICA IDENTITY FULL for DMS to capture"
                                    + " its updates and deletes. Fix: add a primary key when you can",
                            "WARNING public.free: column v is numeric without precision, which DMS writes as"
                                    + " NUMERIC(28,6): it rounds values to 6 decimals, and jdbc_load refuses a value with"
                                    + " more than 22 integer digits. Fix: declare the column numeric(p,s) with the"
                                    + " precision its values need");
        }
    }
}
