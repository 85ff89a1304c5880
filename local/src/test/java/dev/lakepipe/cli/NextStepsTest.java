package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.PipelineConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** What {@code lakepipe demo} suggests at its end, and that the CLI takes it. */
class NextStepsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDemoRunFromTheRepositoryWithItsDefaultHomeSuggestsPlainCommandsOnTheOrderLineTableByItsGlueName() {
        var steps = NextSteps.of(tpccConfigs(), REPO.resolve(".lakepipe"), REPO, REPO);

        assertThat(steps)
                .isEqualTo(new NextSteps("bin/lakepipe", Optional.empty(), "tpcc_lake.tpcc_public_order_line"));
        var out = new StringWriter();
        steps.print(new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("""

                        Try next (README.md, "A short tour"): query the lake, one table's health, the executions:
                          bin/lakepipe sql 'select count(*) from tpcc_lake.tpcc_public_order_line'
                          bin/lakepipe tables describe tpcc_lake.tpcc_public_order_line
                          bin/lakepipe executions list
                        """);
    }

    @Test
    void anotherHomeOrWorkingDirectoryIsSpelledOutAndQuotedForTheShell() {
        var home = Path.of("/tmp/it's a lake");
        var steps = NextSteps.of(tpccConfigs(), home, REPO, REPO.resolve("local"));

        assertThat(steps.lines())
                .containsExactly(
                        "LAKEPIPE_HOME='/tmp/it'\\''s a lake' ../bin/lakepipe sql"
                                + " 'select count(*) from tpcc_lake.tpcc_public_order_line'",
                        "LAKEPIPE_HOME='/tmp/it'\\''s a lake' ../bin/lakepipe tables describe"
                                + " tpcc_lake.tpcc_public_order_line",
                        "LAKEPIPE_HOME='/tmp/it'\\''s a lake' ../bin/lakepipe executions list");
    }

    /** A renamed command, subcommand or a flag that moved fails here: the real CLI parses each suggestion. */
    @Test
    void everySuggestedCommandParsesWithTheCliAndReachesARunnableCommand() {
        var steps = NextSteps.of(tpccConfigs(), REPO.resolve(".lakepipe"), REPO, REPO);

        assertThat(steps.commands())
                .extracting(args -> leaf(LakepipeCli.newCommandLine().parseArgs(args.toArray(String[]::new))))
                .extracting(leaf -> leaf.commandSpec().qualifiedName())
                .containsExactly("lakepipe sql", "lakepipe tables describe", "lakepipe executions list");
        var sql = leaf(
                LakepipeCli.newCommandLine().parseArgs(steps.commands().get(0).toArray(String[]::new)));
        assertThat(sql.matchedPositionals())
                .singleElement()
                .satisfies(query -> assertThat(query.<String>getValue())
                        .isEqualTo("select count(*) from tpcc_lake.tpcc_public_order_line"));
    }

    private static ParseResult leaf(ParseResult result) {
        var leaf = result;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        assertThat(leaf.commandSpec().userObject()).isInstanceOf(Callable.class);
        return leaf;
    }

    private static PipelineConfigs tpccConfigs() {
        return ConfigReader.load(REPO.resolve("pipeline-configs/tpcc.json"));
    }
}
