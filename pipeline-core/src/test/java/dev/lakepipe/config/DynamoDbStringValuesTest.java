package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DynamoDB hands numbers and booleans back as strings when they were stored as strings; both forms read alike. */
class DynamoDbStringValuesTest {

    private static final String STRINGS = """
            [{"identifier":"x","config":"database::config","secret":"s","target_db_name":"lake","target_table_prefix":"p"},
             {"identifier":"x","config":"pipeline::system::jdbc_load",
              "emr_config":{"release_label":"emr-7.5.0","master":{"instance_type":"m5.xlarge","count":"1"},
                            "worker":{"instance_type":"r5.xlarge","count":"6"},"step_parallelism":"4",
                            "maximize_resource_allocation":"TRUE"},
              "next_pipeline":{"pipeline_type":"seed_hudi","enabled":"false"}},
             {"identifier":"x","config":"pipeline::system::seed_hudi",
              "emr_config":{"release_label":"emr-7.5.0","master":{"instance_type":"m5.xlarge"},
                            "worker":{"instance_type":"r5.xlarge","count":6}}},
             {"identifier":"x","config":"step::system::public.t","enabled":"false",
              "hudi_config":{"primary_key":"a,b","is_partitioned":"true","partition_path":"a"},
              "spark_jdbc_config":{"partitionColumn":"a","lowerBound":0,"upperBound":"300","numPartitions":30},
              "spark_conf":{"jdbc_load":{"spark.executor.instances":12,"spark.dynamicAllocation.enabled":false}}}]
            """;

    @Test
    void readsNumbersAndBooleansStoredAsStrings() {
        var configs = PipelineConfigs.fromStoredItems(ConfigReader.parseItems(STRINGS, "test"), "test");

        var jdbcLoad = configs.pipeline(PipelineType.JDBC_LOAD).orElseThrow();
        assertThat(jdbcLoad.emrConfig())
                .isEqualTo(new EmrConfig(
                        "emr-7.5.0", new InstanceGroup("m5.xlarge", 1), new InstanceGroup("r5.xlarge", 6), 4, true));
        assertThat(jdbcLoad.nextPipeline()).contains(new NextPipeline("seed_hudi", false));
        assertThat(jdbcLoad.enabledNextPipeline()).isEmpty();
        assertThat(configs.pipeline(PipelineType.SEED_HUDI)
                        .orElseThrow()
                        .emrConfig()
                        .worker()
                        .count())
                .isEqualTo(6);
        var step = configs.systemStep("public.t");
        assertThat(step.enabled()).isFalse();
        assertThat(step.hudiConfig().isPartitioned()).isTrue();
        assertThat(step.sparkJdbcConfig()).containsEntry("lowerBound", "0").containsEntry("numPartitions", "30");
        assertThat(step.sparkConf(PipelineType.JDBC_LOAD))
                .containsEntry("spark.executor.instances", "12")
                .containsEntry("spark.dynamicAllocation.enabled", "false");
    }

    @Test
    void appliesDefaults() {
        var configs = PipelineConfigs.fromStoredItems(ConfigReader.parseItems(STRINGS, "test"), "test");

        var seed = configs.pipeline(PipelineType.SEED_HUDI).orElseThrow();
        assertThat(seed.emrConfig().stepParallelism()).isEqualTo(1);
        assertThat(seed.emrConfig().maximizeResourceAllocation()).isFalse();
        assertThat(seed.emrConfig().master().count()).isEqualTo(1);
        assertThat(seed.nextPipeline()).isEmpty();
        assertThat(seed.allowedConcurrent()).isEmpty();
        var hudi = configs.systemStep("public.t").hudiConfig();
        assertThat(hudi.watermark()).isEqualTo("trx_seq");
        assertThat(hudi.tableType()).isEqualTo(TableType.COPY_ON_WRITE);
        assertThat(hudi.keyStrategy()).isEqualTo(KeyStrategy.PRIMARY_KEY);
        assertThat(configs.systemStep("public.t").engine()).isEqualTo(StepEngine.SPARK);
    }
}
