package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command of the tree, found by walking it, prints its usage for {@code --help} and exits 0, doing nothing else. */
class HelpOptionTest {

    private static final CommandLine CLI = LakepipeCli.newCommandLine();

    static Stream<List<String>> commandPaths() {
        var paths = new ArrayList<List<String>>();
        collect(CLI, List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        for (var entry : command.getSubcommands().entrySet()) {
            if (!entry.getValue().getCommandSpec().name().equals("help")) {
                var child = new ArrayList<>(path);
                child.add(entry.getKey());
                collect(entry.getValue(), List.copyOf(child), paths);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void printsItsUsageAndExitsZero(List<String> path) {
        var args = new ArrayList<>(path);
        args.add("--help");

        var result = CliDriver.execute(CLI, args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("Usage: lakepipe" + prefixed(path) + " [");
        assertThat(result.err()).as(result.toString()).isEmpty();
    }

    @Test
    void theWalkReachesTheNestedCommands() {
        assertThat(commandPaths())
                .contains(List.of("demo"), List.of("sql"), List.of("tables", "describe"), List.of("cdc", "start"))
                .hasSizeGreaterThan(30);
    }

    private static String prefixed(List<String> path) {
        return path.isEmpty() ? "" : " " + String.join(" ", path);
    }
}
