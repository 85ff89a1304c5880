package dev.lakepipe.plan;

import java.time.Duration;

/**
 * How long one continuous_hudi execution applies changes. Its steps stop gracefully at {@code --stop-at} = launch +
 * lifetime, so the execution ends (its cluster terminated) and hands over to a fresh continuous execution before the
 * state machine's timeout: a running cluster always belongs to a running execution.
 */
public final class ContinuousLifetime {

    /** {@code TimeoutSeconds} of {@code state-machines/pipeline.asl.json}; a test holds the two together. */
    public static final Duration EXECUTION_TIMEOUT = Duration.ofHours(48);

    /** After the stop time: the batch in flight, terminating the cluster, the notification and the handover (cluster start is before). */
    public static final Duration HANDOVER_MARGIN = Duration.ofHours(2);

    public static final Duration DEFAULT = EXECUTION_TIMEOUT.minus(HANDOVER_MARGIN);

    private ContinuousLifetime() {}
}
