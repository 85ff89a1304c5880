package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code next_pipeline}: the pipeline started when this one succeeds.
 *
 * @param pipelineName a system pipeline type ({@code seed_hudi}) or a custom pipeline name
 * @param enabled false keeps the link configured but does not follow it; default true
 */
public record NextPipeline(String pipelineName, boolean enabled) {

    public NextPipeline {
        requireNonNull(pipelineName, "pipelineName is null");
    }
}
