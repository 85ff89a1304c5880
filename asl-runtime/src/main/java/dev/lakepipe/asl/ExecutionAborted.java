package dev.lakepipe.asl;

/** Unwinds a branch, iteration or execution that was stopped (interrupted); never caught by Catch. */
final class ExecutionAborted extends RuntimeException {

    ExecutionAborted() {
        super("aborted", null, false, false);
    }
}
