package dev.lakepipe.asl;

/**
 * Observes executions (progress display, tests). Called on the thread that produced the event, possibly
 * concurrently from Map and Parallel workers; must be quick and thread-safe, and must not throw.
 */
public interface ExecutionListener {

    /** Every history event, in id order per execution. */
    default void onEvent(Execution execution, HistoryEvent event) {}

    /** A state was entered ({@code <Type>StateEntered}). */
    default void onStateEntered(Execution execution, String stateName, StateType type) {}

    /** A state was left ({@code <Type>StateExited}). */
    default void onStateExited(Execution execution, String stateName, StateType type) {}

    /** The execution reached a final status. */
    default void onFinished(Execution execution) {}
}
