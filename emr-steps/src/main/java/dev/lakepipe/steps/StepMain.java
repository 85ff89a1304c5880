package dev.lakepipe.steps;

import java.io.PrintStream;

/** The shared main of every step: run, map the outcome to the exit code EMR records (0 ok, 1 failed, 2 usage). */
final class StepMain {

    /** A step body that returns its exit code. */
    interface Body {
        int run(String[] args) throws Exception;
    }

    private StepMain() {}

    static int run(String step, String[] args, Body body, PrintStream err) {
        try {
            return body.run(args);
        } catch (StepArgs.UsageException e) {
            err.println(step + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(step + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }
}
