package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first step of a jdbc_load run: the source checked as the Spark secret's user, before any load. */
class SourceCheckStepIT {

    @TempDir
    static Path home;

    private static String snapshot;

    @BeforeAll
    static void createSource() throws Exception {
        TestSource.execute(
                "DROP TABLE IF EXISTS public.not_granted",
                "CREATE TABLE public.not_granted (id integer PRIMARY KEY, note text)",
                "SELECT lakepipe.protect('public.not_granted')",
                "REVOKE SELECT ON public.not_granted FROM "
                        + TestSource.source().sparkSecret().username());
        snapshot = new TestLake(home)
                .tpccTables()
                .table("public.not_granted", Map.of("primary_key", "id", "is_partitioned", false), Map.of())
                .snapshotUri();
    }

    @Test
    void theTpccTablesPassAndTheSparkUserIsToldWhatItCannotSee() throws Exception {
        var out = new ByteArrayOutputStream();

        var code = SourceCheckStep.run(
                args("public.warehouse", "public.order_line"), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("source check: 2 tables, 0 errors")
                .contains(
                        "sees only its own sessions in pg_stat_activity",
                        "GRANT pg_monitor TO "
                                + TestSource.source().sparkSecret().username());
    }

    @Test
    void aTableTheSparkUserMayNotReadFailsTheStepNamingTheGrant() {
        var out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> SourceCheckStep.run(
                        args("public.warehouse", "public.not_granted"),
                        new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining("The source of tpcc is not ready for the pipeline (1 errors)")
                .hasMessageContaining("GRANT SELECT ON \"public\".\"not_granted\" TO lakepipe_spark");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("source check: 2 tables, 1 errors");
    }

    private static String[] args(String... tables) {
        var args = new ArrayList<String>(List.of("--config", snapshot));
        for (var table : tables) {
            args.add("--table");
            args.add(table);
        }
        return args.toArray(String[]::new);
    }
}
