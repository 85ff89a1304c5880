package dev.lakepipe.cli;

import dev.lakepipe.sqlclient.ErrorReport;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shared output options ({@code @Mixin}): one clear line per failure, the stack trace with {@code --errors},
 * extra detail with {@code --verbose}. Writes to the command line's out/err so commands test in-process.
 */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print more detail.")
    private boolean verbose;

    @Option(
            names = {"-e", "--errors"},
            description = "Print the stack trace of a failure.")
    private boolean errors;

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    public boolean verbose() {
        return verbose;
    }

    public void info(String line) {
        out().println(line);
        out().flush();
    }

    public void detail(String line) {
        if (verbose) {
            info(line);
        }
    }

    public void error(String line) {
        err().println(line);
        err().flush();
    }

    /** Reports a failure in one line (plus the stack trace with --errors) and returns exit code 1. */
    public int fail(Exception e) {
        return ErrorReport.print(e, errors, err());
    }
}
