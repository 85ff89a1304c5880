package dev.lakepipe.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.cli.LakepipeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdcCommandTest {
    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err) {}

    private Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void cdcWithoutSubcommandPrintsUsage() {
        var result = run("cdc");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("start", "stop", "status");
    }

    @Test
    void statusWithoutAnyRunSaysHowToStart() {
        var result = run("cdc", "status", "--home", home.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("No CDC status in " + home.resolve("cdc")
                        + ": the emulator has not run here; start it with 'lakepipe cdc start'"
                        + System.lineSeparator());
    }

    @Test
    void statusShowsTablesOfTheLastRun() throws Exception {
        Files.createDirectories(home.resolve("cdc"));
        Files.writeString(home.resolve("cdc/status.json"), """
                {"state":"STOPPED","pid":4242,"startedAt":"2026-11-23T11:00:00Z","updatedAt":"2026-11-23T11:05:00Z","slotName":"lakepipe_dms",
                 "bronzeRoot":"/b","error":null,"tables":[{"table":"public.orders","files":3,"rows":120,"ignoredChanges":0,
                 "lastFile":"/b/f.parquet","lastChangeCommitTime":"2026-11-23T11:04:59Z","pendingRows":2,"lagSeconds":1.5}]}
                """);
        var result = run("cdc", "status", "--home", home.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("DMS emulator: not running (last state STOPPED at 2026-11-23T11:05:00Z)")
                .containsPattern("public\\.orders\\s+3\\s+120\\s+2\\s+1\\.5\\s+2026-11-23T11:04:59Z");
        assertThat(run("cdc", "status", "--json", "--home", home.toString()).out())
                .contains("\"rows\" : 120");
    }

    @Test
    void stopWithNothingRunningIsANoOp() {
        var result = run("cdc", "stop", "--home", home.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .isEqualTo("No DMS emulator is running on " + home.resolve("cdc") + System.lineSeparator());
    }

    @Test
    void startNamesAMissingSecret() throws Exception {
        Files.writeString(home.resolve("secrets.json"), "{\"other\": {}}");
        var result = run("cdc", "start", "--home", home.toString(), "--batch-interval", "1");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("Cannot start CDC: Invalid secret name: tpcc/rdbms/rds/primary/dms is not in "
                        + home.resolve("secrets.json") + " (it has [other])" + System.lineSeparator());
    }
}
