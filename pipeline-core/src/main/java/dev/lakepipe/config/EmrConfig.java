package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code emr_config} of a pipeline: how the state machine sizes the cluster.
 *
 * @param stepParallelism how many steps run at once (EMR StepConcurrencyLevel); default 1
 * @param maximizeResourceAllocation EMR's {@code maximizeResourceAllocation}; default false
 */
public record EmrConfig(
        String releaseLabel,
        InstanceGroup master,
        InstanceGroup worker,
        int stepParallelism,
        boolean maximizeResourceAllocation) {

    public static final int DEFAULT_STEP_PARALLELISM = 1;
    public static final int DEFAULT_MASTER_COUNT = 1;

    public EmrConfig {
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(master, "master is null");
        requireNonNull(worker, "worker is null");
    }
}
