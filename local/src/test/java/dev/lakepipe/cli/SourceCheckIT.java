package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.tpcc.TpccSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakepipe source check} on the TPC-C source the provisioning protected, attached to a running server: passes
 * with history's warning (no primary key, keyed by all columns, REPLICA IDENTITY FULL), then fails once a table's
 * truncate trigger is disabled.
 */
class SourceCheckIT {

    private static final String TPCC = "../pipeline-configs/tpcc.json";

    @TempDir
    Path home;

    @Test
    void passesAProtectedSourceAndFailsNamingTheTableOnceATriggerIsOff() throws Exception {
        var imported = CliDriver.runIn(home, "configs", "import", TPCC, "--table", "configs");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        try (var source = TpccSource.builder().home(home).durable(false).build()) {
            var check = new String[] {
                "source", "check", "--identifier", "tpcc", "--table", "configs", "--home", home.toString()
            };

            var sound = CliDriver.runIn(home, check);
            assertThat(sound.exitCode()).as(sound.toString()).isZero();
            assertThat(sound.out())
                    .contains("WARNING public.history: the table has no primary key")
                    .contains("WARNING source: max_slot_wal_keep_size is -1")
                    .contains("source check: 9 tables, 0 errors, 2 warnings")
                    .doesNotContain("ERROR");

            try (var connection = source.adminConnection();
                    var statement = connection.createStatement()) {
                statement.execute("ALTER TABLE public.item DISABLE TRIGGER lakepipe_truncate");
            }
            var broken = CliDriver.runIn(home, check);
            assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
            assertThat(broken.out())
                    .contains("ERROR   public.item: no enabled AFTER TRUNCATE trigger lakepipe_truncate")
                    .contains("Fix: run dev/lakepipe/dms/source-protection.sql once on the source database")
                    .contains("source check: 9 tables, 1 errors, 2 warnings");
        }
    }
}
