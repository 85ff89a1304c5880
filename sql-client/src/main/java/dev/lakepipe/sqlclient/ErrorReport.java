package dev.lakepipe.sqlclient;

import java.io.PrintWriter;

/** How a lakepipe command reports a failure: one line, plus the stack trace on request; exit code 1. */
public final class ErrorReport {

    private ErrorReport() {}

    /** Prints {@code Error: <message>} and the stack trace or how to get it; returns 1. */
    public static int print(Exception e, boolean stackTrace, PrintWriter err) {
        err.println("Error: " + e.getMessage());
        if (stackTrace) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --errors for the stack trace)");
        }
        err.flush();
        return 1;
    }
}
