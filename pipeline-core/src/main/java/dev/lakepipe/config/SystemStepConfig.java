package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code step::system::<schema.table>}: one source table, shared by every system pipeline.
 *
 * @param sparkJdbcConfig options passed to Spark's JDBC source by jdbc_load (partitionColumn, fetchsize, ...)
 * @param sparkConf spark-submit {@code --conf} pairs per system pipeline type
 * @param engine what applies changes in incremental/continuous runs; default {@link StepEngine#SPARK}
 * @param stepGroup the tables of one pipeline with the same group share one EMR step ({@link StepGroup}); none: a step of
 *     its own
 */
public record SystemStepConfig(
        String identifier,
        TableName table,
        boolean enabled,
        HudiConfig hudiConfig,
        Map<String, String> sparkJdbcConfig,
        Map<PipelineType, Map<String, String>> sparkConf,
        StepEngine engine,
        Optional<String> stepGroup)
        implements ConfigItem {

    public SystemStepConfig {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(table, "table is null");
        requireNonNull(hudiConfig, "hudiConfig is null");
        sparkJdbcConfig = sorted(sparkJdbcConfig);
        var confs = new TreeMap<PipelineType, Map<String, String>>();
        sparkConf.forEach((type, conf) -> confs.put(type, sorted(conf)));
        sparkConf = Collections.unmodifiableMap(confs);
        requireNonNull(engine, "engine is null");
        requireNonNull(stepGroup, "stepGroup is null");
    }

    @Override
    public String key() {
        return SYSTEM_STEP_PREFIX + table.qualified();
    }

    /** The spark-submit --conf pairs for this table in this pipeline type, sorted by key; empty if none. */
    public Map<String, String> sparkConf(PipelineType type) {
        return sparkConf.getOrDefault(type, Map.of());
    }

    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
