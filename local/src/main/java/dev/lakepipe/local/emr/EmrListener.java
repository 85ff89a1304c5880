package dev.lakepipe.local.emr;

/** Observes the local EMR (progress display, tests). Called from step threads; must be quick and must not throw. */
public interface EmrListener {

    EmrListener NONE = new EmrListener() {};

    default void onClusterCreated(String clusterId, String name) {}

    /** A step changed state: PENDING, RUNNING, COMPLETED, FAILED or CANCELLED. */
    default void onStepStateChanged(String clusterId, String stepId, String stepName, String state) {}

    default void onClusterTerminated(String clusterId) {}
}
