package dev.lakepipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the lakepipe CLI in-process and captures the exit code and both streams. */
record CliDriver(int exitCode, String out, String err) {

    static CliDriver run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var exitCode = commandLine.execute(args);
        return new CliDriver(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
