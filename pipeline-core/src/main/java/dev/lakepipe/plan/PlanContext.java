package dev.lakepipe.plan;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.SnapshotEnvironment;
import java.util.Optional;

/**
 * What the planner needs besides the configs: the jar every step runs and the snapshot every step reads.
 *
 * @param stepsJar {@code <artifacts>/jars/emr-steps.jar}
 * @param snapshotUri {@code <artifacts>/runtime/<identifier>/<execution>.json}
 * @param environment the buckets; needed only by {@code engine: deltastreamer} steps, whose command names paths
 * @param sourceDatabase the source database name (the secret's {@code dbname}, DMS {@code BucketFolder=incremental/<db>});
 *     needed only by {@code engine: deltastreamer} steps
 */
public record PlanContext(String stepsJar, String snapshotUri, Optional<SnapshotEnvironment> environment, Optional<String> sourceDatabase) {

    public PlanContext {
        requireNonNull(stepsJar, "stepsJar is null");
        requireNonNull(snapshotUri, "snapshotUri is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(sourceDatabase, "sourceDatabase is null");
    }

    public PlanContext(String stepsJar, String snapshotUri) {
        this(stepsJar, snapshotUri, Optional.empty(), Optional.empty());
    }

    /** The context of one execution, with the locations derived from the environment's artifacts bucket. */
    public static PlanContext of(SnapshotEnvironment environment, String identifier, String executionName) {
        return new PlanContext(environment.stepsJar(), environment.snapshotUri(identifier, executionName), Optional.of(environment), Optional.empty());
    }

    /** This context with the source database name, for {@code engine: deltastreamer} steps. */
    public PlanContext withSourceDatabase(String database) {
        return new PlanContext(stepsJar, snapshotUri, environment, Optional.of(database));
    }
}
