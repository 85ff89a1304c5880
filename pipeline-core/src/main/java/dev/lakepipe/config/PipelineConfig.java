package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code pipeline::system::<type>} or {@code pipeline::custom::<name>}: how to launch one pipeline's cluster
 * and what follows it.
 *
 * @param name the system type's name ({@code jdbc_load}) or the custom pipeline's name
 * @param type the system type, or {@link PipelineType#CUSTOM}
 * @param allowedConcurrent pipelines that may run while this one runs; default none
 * @param fileSizing how the pipeline's Hudi upserts size, cluster and clean files; {@link FileSizing#DEFAULTS} unless
 *     an incremental_hudi / continuous_hudi item sets {@code file_sizing}
 */
public record PipelineConfig(
        String identifier,
        String name,
        PipelineType type,
        EmrConfig emrConfig,
        Optional<NextPipeline> nextPipeline,
        List<String> allowedConcurrent,
        FileSizing fileSizing)
        implements ConfigItem {

    public PipelineConfig {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(emrConfig, "emrConfig is null");
        requireNonNull(nextPipeline, "nextPipeline is null");
        allowedConcurrent = List.copyOf(allowedConcurrent);
        requireNonNull(fileSizing, "fileSizing is null");
    }

    /** A pipeline with the default file sizing. */
    public PipelineConfig(
            String identifier,
            String name,
            PipelineType type,
            EmrConfig emrConfig,
            Optional<NextPipeline> nextPipeline,
            List<String> allowedConcurrent) {
        this(identifier, name, type, emrConfig, nextPipeline, allowedConcurrent, FileSizing.DEFAULTS);
    }

    @Override
    public String key() {
        return (type.isSystem() ? SYSTEM_PIPELINE_PREFIX : CUSTOM_PIPELINE_PREFIX) + name;
    }

    public boolean isCustom() {
        return !type.isSystem();
    }

    /** The pipeline to start after this one, only when the link is enabled. */
    public Optional<String> enabledNextPipeline() {
        return nextPipeline.filter(NextPipeline::enabled).map(NextPipeline::pipelineName);
    }
}
