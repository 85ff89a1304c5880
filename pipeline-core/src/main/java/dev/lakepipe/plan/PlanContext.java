package dev.lakepipe.plan;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.SnapshotEnvironment;

/**
 * What the planner needs besides the configs: the jar every step runs and the snapshot every step reads.
 *
 * @param stepsJar {@code <artifacts>/jars/emr-steps.jar}
 * @param snapshotUri {@code <artifacts>/runtime/<identifier>/<execution>.json}
 */
public record PlanContext(String stepsJar, String snapshotUri) {

    public PlanContext {
        requireNonNull(stepsJar, "stepsJar is null");
        requireNonNull(snapshotUri, "snapshotUri is null");
    }

    /** The context of one execution, with the locations derived from the environment's artifacts bucket. */
    public static PlanContext of(SnapshotEnvironment environment, String identifier, String executionName) {
        return new PlanContext(environment.stepsJar(), environment.snapshotUri(identifier, executionName));
    }
}
