package dev.lakepipe.plan;

/** EMR's ActionOnFailure of a step. */
public enum ActionOnFailure {
    /** Other steps go on: one table's failure must not stop the other tables (system pipelines). */
    CONTINUE,
    /** Later steps are cancelled: custom steps may depend on the ones before them. */
    CANCEL_AND_WAIT,
    TERMINATE_CLUSTER
}
