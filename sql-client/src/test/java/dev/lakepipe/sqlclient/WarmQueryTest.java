package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the warm path hands the command to the full CLI; queries on a real server: local CdcEndToEndIT. */
class WarmQueryTest {

    @TempDir
    Path home;

    @Test
    void takesOneQueryWithTheOptionsItKnows() {
        var options = WarmQuery.Options.parse(
                List.of("--home", "/tmp/h", "--format=CSV", "--limit", "0", "-e", "-v", "select 1"));

        assertThat(options)
                .contains(new WarmQuery.Options("select 1", Optional.of(Path.of("/tmp/h")), SqlFormat.CSV, 0, true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--engine spark|select 1",
                "--stop",
                "--as-of|20261123110000000|select 1",
                "",
                "--format|xml|select 1",
                "--limit|-1|select 1",
                "--limit",
                "--limit|1|--limit|2|select 1",
                "select 1|select 2",
                "--help",
                "-ev|select 1",
                "@queries.txt"
            })
    void leavesEverythingElseToTheCli(String args) throws IOException {
        seedCatalog();

        assertThat(run(args.isEmpty() ? List.of() : List.of(args.split("\\|")))).isEqualTo(WarmQuery.FULL_CLI);
    }

    @Test
    void leavesAMissingCatalogToTheCli() {
        assertThat(run(List.of("select 1"))).isEqualTo(WarmQuery.FULL_CLI);
    }

    @Test
    void leavesAStoppedServerToTheCli() throws IOException {
        seedCatalog();
        Files.createDirectories(home.resolve("trino/etc"));
        Files.writeString(home.resolve("trino/etc/config.properties"), "http-server.http.port=1\n");

        assertThat(run(List.of("select 1"))).isEqualTo(WarmQuery.FULL_CLI);
    }

    private void seedCatalog() throws IOException {
        Files.createDirectories(home.resolve("catalog/tpcc_lake"));
        Files.writeString(home.resolve("catalog/.tpcc_lake.trinoSchema"), "{}");
    }

    private int run(List<String> args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(args);
        var exit = WarmQuery.run(all, new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).as("stdout when handing over").isEmpty();
        assertThat(err.toString()).as("stderr when handing over").isEmpty();
        return exit;
    }
}
