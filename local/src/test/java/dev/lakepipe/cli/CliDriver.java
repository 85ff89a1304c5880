package dev.lakepipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the lakepipe CLI (or one command) in-process and captures the exit code and both streams. */
record CliDriver(int exitCode, String out, String err) {

    private static final String HOME_PROPERTY = "lakepipe.home";

    static CliDriver run(String... args) {
        return execute(LakepipeCli.newCommandLine(), args);
    }

    /** Runs {@code commandLine}, which keeps the option values of earlier runs: only for runs that parse no state. */
    static CliDriver execute(CommandLine commandLine, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var exitCode = commandLine.execute(args);
        return new CliDriver(exitCode, out.toString(), err.toString());
    }

    /** Runs the CLI on the local state folder {@code home} ({@link LakepipeHome}), restoring the previous one after. */
    static CliDriver runIn(Path home, String... args) {
        return runCommandIn(home, LakepipeCli.newCommandLine(), args);
    }

    /** Runs one command object (picocli wraps it in a command line) on the local state folder {@code home}. */
    static CliDriver runCommandIn(Path home, Object command, String... args) {
        var previous = System.getProperty(HOME_PROPERTY);
        System.setProperty(HOME_PROPERTY, home.toString());
        try {
            return execute(command instanceof CommandLine line ? line : new CommandLine(command), args);
        } finally {
            if (previous == null) {
                System.clearProperty(HOME_PROPERTY);
            } else {
                System.setProperty(HOME_PROPERTY, previous);
            }
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
