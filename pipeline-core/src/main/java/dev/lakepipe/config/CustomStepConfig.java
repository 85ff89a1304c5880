package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** {@code step::<custom pipeline>::<step>}: one step of a custom pipeline. */
public record CustomStepConfig(
        String identifier,
        String pipelineName,
        String stepName,
        boolean enabled,
        Map<String, String> sparkConf,
        Entrypoint entrypoint)
        implements ConfigItem {

    public CustomStepConfig {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(pipelineName, "pipelineName is null");
        requireNonNull(stepName, "stepName is null");
        sparkConf = SystemStepConfig.sorted(sparkConf);
        requireNonNull(entrypoint, "entrypoint is null");
    }

    @Override
    public String key() {
        return STEP_PREFIX + pipelineName + "::" + stepName;
    }
}
