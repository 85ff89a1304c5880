package dev.lakepipe.config;

/**
 * One item of the config table, keyed by {@code identifier} (partition key) and {@code config} (sort key).
 * The closed set of kinds mirrors the {@code config} key's prefix.
 */
public sealed interface ConfigItem permits DatabaseConfig, PipelineConfig, SystemStepConfig, CustomStepConfig {

    String DATABASE_KEY = "database::config";
    String PIPELINE_PREFIX = "pipeline::";
    String SYSTEM_PIPELINE_PREFIX = "pipeline::system::";
    String CUSTOM_PIPELINE_PREFIX = "pipeline::custom::";
    String STEP_PREFIX = "step::";
    String SYSTEM_STEP_PREFIX = "step::system::";

    /** The partition key: groups the items of one source database and its pipelines. */
    String identifier();

    /** The sort key, e.g. {@code step::system::public.order_line}. */
    String key();
}
