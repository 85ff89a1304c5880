package dev.lakepipe.cli;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.PipelineConfigs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The three commands {@code lakepipe demo} suggests at its end: a query on the lake, one table's health and the
 * pipeline executions, written to paste into the shell that ran the demo.
 *
 * @param program how that shell reaches {@code bin/lakepipe}
 * @param home the demo's {@code LAKEPIPE_HOME} when the commands need it set (not the default {@code .lakepipe} of
 *     the working directory)
 * @param table the Glue name, {@code database.table}, of the table the commands look at
 */
record NextSteps(String program, Optional<Path> home, String table) {

    /** The table the demo's workload writes most: TPC-C's order lines. */
    static final String SOURCE_TABLE = "public.order_line";

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    NextSteps {
        requireNonNull(program, "program is null");
        requireNonNull(home, "home is null");
        requireNonNull(table, "table is null");
    }

    /**
     * For the lake a demo wrote: its order_line table by the Glue name the demo's configs give it, {@code bin/lakepipe}
     * of the repository as seen from the working directory, and the demo's home unless it is that directory's default.
     */
    static NextSteps of(PipelineConfigs configs, Path home, Path repo, Path workingDirectory) {
        var step = configs.findSystemStep(SOURCE_TABLE)
                .or(() -> configs.enabledSystemSteps().stream().findFirst())
                .orElseThrow(() -> new LakepipeException(
                        "The configs of %s have no step::system item; the demo loaded no table", configs.identifier()));
        var table = configs.database().targetDbName() + "." + configs.targetTableName(step);
        var cwd = workingDirectory.toAbsolutePath().normalize();
        var program = cwd.relativize(repo.toAbsolutePath().normalize().resolve("bin/lakepipe"));
        var lakeHome = home.toAbsolutePath().normalize();
        var needsHome = !lakeHome.equals(cwd.resolve(LakepipeHome.DEFAULT));
        return new NextSteps(program.toString(), needsHome ? Optional.of(lakeHome) : Optional.empty(), table);
    }

    /** Each command's arguments after the program name. */
    List<List<String>> commands() {
        return List.of(
                List.of("sql", "select count(*) from " + table),
                List.of("tables", "describe", table),
                List.of("executions", "list"));
    }

    /** The commands as shell lines: {@code [LAKEPIPE_HOME=<home>] <program> <args>}, arguments quoted where needed. */
    List<String> lines() {
        return commands().stream().map(this::line).toList();
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Try next (README.md, \"A short tour\"): query the lake, one table's health, the executions:");
        lines().forEach(line -> out.println("  " + line));
        out.flush();
    }

    private String line(List<String> args) {
        var words = new ArrayList<String>();
        home.ifPresent(path -> words.add("LAKEPIPE_HOME=" + quoted(path.toString())));
        words.add(quoted(program));
        args.stream().map(NextSteps::quoted).forEach(words::add);
        return String.join(" ", words);
    }

    private static String quoted(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
