package dev.lakepipe.config;

import java.util.List;
import java.util.Optional;

/** A config item's key, parsed: one record per item kind, or {@link Invalid} saying why the key names none. */
sealed interface ConfigKey {

    List<String> FORMS = List.of(
            "database::config",
            "pipeline::system::<jdbc_load|seed_hudi|incremental_hudi|continuous_hudi>",
            "pipeline::custom::<name>",
            "step::system::<schema.table>",
            "step::<custom pipeline>::<step>");

    /** {@code database::config}. */
    record Database() implements ConfigKey {}

    /** {@code pipeline::system::<type>}. */
    record SystemPipeline(String name, PipelineType type) implements ConfigKey {}

    /** {@code pipeline::custom::<name>}. */
    record CustomPipeline(String name) implements ConfigKey {}

    /** {@code step::system::<schema.table>}. */
    record SystemStep(TableName table) implements ConfigKey {}

    /** {@code step::<custom pipeline>::<step>}. */
    record CustomStep(String pipeline, String step) implements ConfigKey {}

    /** A key that names no item kind; {@code reason} completes "config ...". */
    record Invalid(String reason) implements ConfigKey {}

    static ConfigKey parse(String key) {
        if (key.equals(ConfigItem.DATABASE_KEY)) {
            return new Database();
        }
        if (key.startsWith(ConfigItem.SYSTEM_PIPELINE_PREFIX)) {
            return systemPipeline(key.substring(ConfigItem.SYSTEM_PIPELINE_PREFIX.length()));
        }
        if (key.startsWith(ConfigItem.CUSTOM_PIPELINE_PREFIX)) {
            return customPipeline(key.substring(ConfigItem.CUSTOM_PIPELINE_PREFIX.length()));
        }
        if (key.startsWith(ConfigItem.SYSTEM_STEP_PREFIX)) {
            return systemStep(key.substring(ConfigItem.SYSTEM_STEP_PREFIX.length()));
        }
        if (key.startsWith(ConfigItem.STEP_PREFIX)) {
            return customStep(key);
        }
        return new Invalid("is not a known item kind: '" + key + "'; expected one of " + String.join(", ", FORMS)
                + legacyHint(key));
    }

    private static ConfigKey systemPipeline(String name) {
        return PipelineType.fromSystemName(name)
                .<ConfigKey>map(type -> new SystemPipeline(name, type))
                .orElseGet(() -> new Invalid("names no system pipeline: '" + name + "'"
                        + Suggestions.didYouMean(name, PipelineType.systemNames())
                        + " (custom pipelines are pipeline::custom::<name>)"));
    }

    private static ConfigKey customPipeline(String name) {
        if (PipelineType.isReservedName(name)) {
            return new Invalid("uses the reserved name '" + name + "' for a custom pipeline; reserved: "
                    + String.join(
                            ", ", PipelineType.RESERVED_NAMES.stream().sorted().toList()) + "; pick another name");
        }
        return invalidName("custom pipeline name", name).orElse(new CustomPipeline(name));
    }

    private static ConfigKey systemStep(String table) {
        if (!TableName.isValid(table)) {
            return new Invalid("names no table: '" + table
                    + "'; expected step::system::<schema>.<table> in lower case, e.g. step::system::public.order_line");
        }
        return new SystemStep(TableName.parse(table));
    }

    private static ConfigKey customStep(String key) {
        var parts = key.substring(ConfigItem.STEP_PREFIX.length()).split("::", -1);
        if (parts.length != 2) {
            return new Invalid("is not step::<custom pipeline>::<step>: '" + key + "'");
        }
        return invalidName("custom pipeline name", parts[0])
                .or(() -> invalidName("step name", parts[1]))
                .orElse(new CustomStep(parts[0], parts[1]));
    }

    private static Optional<ConfigKey> invalidName(String what, String name) {
        return ItemParser.NAME.matcher(name).matches()
                ? Optional.empty()
                : Optional.of(new Invalid(
                        "has an invalid " + what + ": '" + name + "'; use lower case letters, digits and _"));
    }

    private static String legacyHint(String key) {
        if (key.startsWith("table::")) {
            return " (table::<schema.table> is now step::system::<schema.table>)";
        }
        if (key.startsWith("pipeline::config::")) {
            return " (pipeline::config::<type> is now pipeline::system::<type>)";
        }
        return "";
    }
}
