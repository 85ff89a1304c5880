package dev.lakepipe.plan;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.config.SnapshotEnvironment;
import java.time.Instant;
import java.util.Optional;

/**
 * What the planner needs besides the configs: the jar every step runs and the snapshot every step reads.
 *
 * @param stepsJar {@code <artifacts>/jars/emr-steps.jar}
 * @param snapshotUri {@code <artifacts>/runtime/<identifier>/<execution>.json}
 * @param environment the buckets; needed only by {@code engine: deltastreamer} steps, whose command names paths
 * @param sourceDatabase the source database name (the secret's {@code dbname}, DMS {@code BucketFolder=incremental/<db>});
 *     needed only by {@code engine: deltastreamer} steps
 * @param continuousStopAt when continuous_hudi steps stop ({@link ContinuousLifetime}); needed only by them
 */
public record PlanContext(
        String stepsJar,
        String snapshotUri,
        Optional<SnapshotEnvironment> environment,
        Optional<String> sourceDatabase,
        Optional<Instant> continuousStopAt) {

    public PlanContext {
        requireNonNull(stepsJar, "stepsJar is null");
        requireNonNull(snapshotUri, "snapshotUri is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(sourceDatabase, "sourceDatabase is null");
        requireNonNull(continuousStopAt, "continuousStopAt is null");
    }

    public PlanContext(String stepsJar, String snapshotUri) {
        this(stepsJar, snapshotUri, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The context of one execution, with the locations derived from the environment's artifacts bucket. */
    public static PlanContext of(SnapshotEnvironment environment, String identifier, String executionName) {
        return new PlanContext(
                environment.stepsJar(),
                environment.snapshotUri(identifier, executionName),
                Optional.of(environment),
                Optional.empty(),
                Optional.empty());
    }

    /** This context with the source database name, for {@code engine: deltastreamer} steps. */
    public PlanContext withSourceDatabase(String database) {
        return new PlanContext(stepsJar, snapshotUri, environment, Optional.of(database), continuousStopAt);
    }

    /** This context with the time continuous_hudi steps stop at: the launch time plus the continuous lifetime. */
    public PlanContext withContinuousStopAt(Instant stopAt) {
        return new PlanContext(stepsJar, snapshotUri, environment, sourceDatabase, Optional.of(stopAt));
    }
}
