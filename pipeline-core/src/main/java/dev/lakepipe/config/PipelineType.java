package dev.lakepipe.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kind of a pipeline. The four system types are also the names of the system pipelines
 * ({@code pipeline::system::<name>}); every custom pipeline has type {@link #CUSTOM} and its own name.
 */
public enum PipelineType {
    JDBC_LOAD,
    SEED_HUDI,
    INCREMENTAL_HUDI,
    CONTINUOUS_HUDI,
    CUSTOM;

    /**
     * Names a custom pipeline may not take: the system pipeline names, and the words that would make a
     * {@code step::<pipeline>::<step>} key ambiguous.
     */
    public static final Set<String> RESERVED_NAMES =
            Set.of("jdbc_load", "seed_hudi", "incremental_hudi", "continuous_hudi", "system", "custom", "config");

    /** The name as it appears in config keys and JSON: {@code jdbc_load}, ..., {@code custom}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isSystem() {
        return this != CUSTOM;
    }

    /** Whether the pipeline's steps read or write Hudi tables: all but jdbc_load (plain parquet into bronze). */
    public boolean usesHudi() {
        return this != JDBC_LOAD;
    }

    public static List<PipelineType> systemTypes() {
        return List.of(JDBC_LOAD, SEED_HUDI, INCREMENTAL_HUDI, CONTINUOUS_HUDI);
    }

    /** The system pipeline type with this config name ({@code seed_hudi}), if any. */
    public static Optional<PipelineType> fromSystemName(String name) {
        return systemTypes().stream()
                .filter(type -> type.configName().equals(name))
                .findFirst();
    }

    public static boolean isReservedName(String name) {
        return RESERVED_NAMES.contains(name);
    }

    static List<String> systemNames() {
        return Arrays.stream(values())
                .filter(PipelineType::isSystem)
                .map(PipelineType::configName)
                .toList();
    }

    @Override
    public String toString() {
        return configName();
    }
}
