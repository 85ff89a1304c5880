package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final String DATABASE = """
            {"identifier":"x","config":"database::config","secret":"s","target_db_name":"lake","target_table_prefix":"p"}""";
    private static final String EMR = """
            "emr_config":{"release_label":"emr-7.5.0","master":{"instance_type":"m5.xlarge"},
                          "worker":{"instance_type":"r5.xlarge","count":2}}""";

    @Test
    void reportsAllThreePlantedMistakes() {
        var report = ConfigValidator.validate(
                ConfigReader.readItems(Path.of("src/test/resources/configs/three-mistakes.json")));

        assertThat(report.problems())
                .map(ConfigProblem::toString)
                .containsExactly(
                        "pipeline::custom::seed_hudi: config uses the reserved name 'seed_hudi' for a custom pipeline; reserved:"
                                + " config, continuous_hudi, custom, incremental_hudi, jdbc_load, seed_hudi, system; pick another name",
                        "step::system::public.order_line: hudi_config.partition_path is required when is_partitioned is true;"
                                + " set it to the partition column (e.g. ol_w_id) or set is_partitioned to false",
                        "step::system::public.item: hudi_config.watermrk is not a known field; did you mean watermark?");
    }

    @Test
    void throwsWithEveryProblemInTheMessage() {
        var items = ConfigReader.readItems(Path.of("src/test/resources/configs/three-mistakes.json"));

        assertThatThrownBy(() -> PipelineConfigs.fromStoredItems(items, "three-mistakes.json"))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageStartingWith("Invalid configs in three-mistakes.json: 3 problem(s)")
                .hasMessageContaining("reserved name 'seed_hudi'")
                .hasMessageContaining("hudi_config.partition_path is required")
                .hasMessageContaining("did you mean watermark?")
                .extracting(e -> ((ConfigValidationException) e).problems().size())
                .isEqualTo(3);
    }

    @Test
    void unknownTopLevelFieldSuggestsTheClosest() {
        assertThat(problems("""
                {"identifier":"x","config":"step::system::public.t","enabeld":true,"hudi_config":{"primary_key":"id"}}"""))
                .containsExactly("step::system::public.t: enabeld is not a known field; did you mean enabled?");
    }

    @Test
    void legacyKeysPointToTheNewForm() {
        assertThat(problems("""
                {"identifier":"x","config":"table::public.customer","hudi_config":{"primary_key":"c_id"}}"""))
                .singleElement()
                .asString()
                .startsWith("table::public.customer: config is not a known item kind: 'table::public.customer'")
                .endsWith("(table::<schema.table> is now step::system::<schema.table>)");
    }

    @Test
    void unknownSystemPipelineSuggestsTheClosest() {
        assertThat(problems("{\"identifier\":\"x\",\"config\":\"pipeline::system::seed_hud\"," + EMR + "}"))
                .containsExactly("pipeline::system::seed_hud: config names no system pipeline: 'seed_hud'; did you mean"
                        + " seed_hudi? (custom pipelines are pipeline::custom::<name>)");
    }

    @Test
    void reportsBadNumbersAndBooleans() {
        assertThat(problems("""
                {"identifier":"x","config":"pipeline::system::jdbc_load",
                 "emr_config":{"release_label":"emr-7.5.0","master":{"instance_type":"m5.xlarge"},
                               "worker":{"instance_type":"r5.xlarge","count":"six"},"step_parallelism":0,
                               "maximize_resource_allocation":"yes"}}"""))
                .containsExactly(
                        "pipeline::system::jdbc_load: emr_config.worker.count must be an integer (a JSON number or a string of digits), got \"six\"",
                        "pipeline::system::jdbc_load: emr_config.step_parallelism must be at least 1, got 0",
                        "pipeline::system::jdbc_load: emr_config.maximize_resource_allocation must be true or false"
                                + " (a JSON boolean or the string \"true\"/\"false\"), got \"yes\"");
    }

    @Test
    void reportsMissingRequiredEmrFields() {
        assertThat(problems("""
                {"identifier":"x","config":"pipeline::system::jdbc_load","emr_config":{"master":{}}}"""))
                .containsExactly(
                        "pipeline::system::jdbc_load: emr_config.release_label is required; set it to an EMR release, e.g. emr-7.5.0",
                        "pipeline::system::jdbc_load: emr_config.master.instance_type is required; set it to an EC2 instance type, e.g. m5.xlarge",
                        "pipeline::system::jdbc_load: emr_config.worker is required; set worker.instance_type (e.g. m5.xlarge) and worker.count");
    }

    @Test
    void checksLinksBetweenPipelines() {
        assertThat(
                        problems(
                                "{\"identifier\":\"x\",\"config\":\"pipeline::system::jdbc_load\"," + EMR
                                        + ",\"next_pipeline\":{\"pipeline_type\":\"seed_hud\"},\"allowed_concurrent\":[\"reportin\"]}",
                                "{\"identifier\":\"x\",\"config\":\"pipeline::system::seed_hudi\"," + EMR + "}",
                                "{\"identifier\":\"x\",\"config\":\"pipeline::custom::reporting\"," + EMR + "}",
                                "{\"identifier\":\"x\",\"config\":\"step::report::totals\",\"entrypoint\":{\"class\":\"a.B\"}}"))
                .containsExactly(
                        "pipeline::system::jdbc_load: next_pipeline.pipeline_type names 'seed_hud', which is not configured; did you mean seed_hudi?",
                        "pipeline::system::jdbc_load: allowed_concurrent names 'reportin', which is not a pipeline; did you mean reporting?",
                        "step::report::totals: belongs to no custom pipeline; add pipeline::custom::report; did you mean reporting?",
                        "pipeline::custom::reporting: has no steps; add at least one step::reporting::<step> item");
    }

    @Test
    void refusesALoopOfFollowedLinksButNotADisabledOne() {
        var seed = "{\"identifier\":\"x\",\"config\":\"pipeline::system::seed_hudi\"," + EMR
                + ",\"next_pipeline\":{\"pipeline_type\":\"incremental_hudi\"}}";
        var incremental = "{\"identifier\":\"x\",\"config\":\"pipeline::system::incremental_hudi\"," + EMR
                + ",\"next_pipeline\":{\"pipeline_type\":\"consumption\"}}";
        var consumption = "{\"identifier\":\"x\",\"config\":\"pipeline::custom::consumption\"," + EMR
                + ",\"next_pipeline\":{\"pipeline_type\":\"incremental_hudi\"%s}}";
        var step = "{\"identifier\":\"x\",\"config\":\"step::consumption::gold\",\"entrypoint\":{\"class\":\"a.B\"}}";

        assertThat(problems(seed, incremental, consumption.formatted(""), step))
                .containsExactly(
                        "pipeline::custom::consumption: next_pipeline.pipeline_type closes the loop incremental_hudi -> consumption ->"
                                + " incremental_hudi: every run would start the next one, each on a new EMR cluster, without end; remove one"
                                + " of these links or set its next_pipeline.enabled to false");
        assertThat(problems(seed, incremental, consumption.formatted(",\"enabled\":false"), step))
                .isEmpty();
    }

    @Test
    void refusesAReleaseWithoutTheStepsHudiAndAnInstanceTypeEc2DoesNotHave() {
        assertThat(problems("""
                {"identifier":"x","config":"pipeline::system::jdbc_load",
                 "emr_config":{"release_label":"emr-6.15.0","master":{"instance_type":"m5.xlarge"},
                               "worker":{"instance_type":"r5.huge","count":2}}}"""))
                .containsExactly(
                        "pipeline::system::jdbc_load: emr_config.release_label is 'emr-6.15.0', which does not ship Hudi 0.15, the Hudi the"
                                + " steps are built against and take from the release's bundle; use one of "
                                + String.join(", ", EmrReleases.SUPPORTED)
                                + " (e.g. emr-7.5.0)",
                        "pipeline::system::jdbc_load: emr_config.worker.instance_type is 'r5.huge', which is no EC2 instance type"
                                + " (family.size, e.g. m5.xlarge or r5.2xlarge); EMR's RunJobFlow would refuse it");
        assertThat(List.of("m5.xlarge", "r6gd.16xlarge", "m7i.metal-24xl", "c5.large", "m7g.medium"))
                .allMatch(EmrReleases::isInstanceType);
    }

    @Test
    void refusesParallelStepsInACustomPipeline() {
        var parallel = EMR.replace("\"count\":2}", "\"count\":2},\"step_parallelism\":2");

        assertThat(problems(
                        "{\"identifier\":\"x\",\"config\":\"pipeline::custom::reporting\"," + parallel + "}",
                        "{\"identifier\":\"x\",\"config\":\"step::reporting::totals\",\"entrypoint\":{\"class\":\"a.B\"}}",
                        "{\"identifier\":\"x\",\"config\":\"pipeline::system::seed_hudi\"," + parallel + "}"))
                .containsExactly(
                        "pipeline::custom::reporting: emr_config.step_parallelism is 2, but the steps of custom pipeline"
                                + " reporting run in order with ActionOnFailure CANCEL_AND_WAIT, which EMR refuses when the cluster's"
                                + " StepConcurrencyLevel is above 1; set step_parallelism to 1 (or remove it)");
    }

    @Test
    void requiresOneDatabaseConfigAndUniqueKeys() {
        var table = """
                {"identifier":"x","config":"step::system::public.t","hudi_config":{"primary_key":"id"}}""";

        assertThat(ConfigValidator.validate(items(table, table)).problems())
                .map(ConfigProblem::toString)
                .containsExactly(
                        "step::system::public.t: appears twice for identifier x; keep one item per config key",
                        "database::config: is missing for identifier x; add an item with secret, target_db_name and target_table_prefix");
    }

    @Test
    void keyStrategyAllColumnsExcludesPrimaryKey() {
        assertThat(problems("""
                {"identifier":"x","config":"step::system::public.history",
                 "hudi_config":{"key_strategy":"all_columns","primary_key":"h_c_id"}}""", """
                {"identifier":"x","config":"step::system::public.t","hudi_config":{"is_partitioned":false,"partition_path":"a"}}"""))
                .containsExactly(
                        "step::system::public.history: hudi_config.primary_key must be absent when key_strategy is all_columns"
                                + " (every column is the key); remove primary_key or key_strategy",
                        "step::system::public.t: hudi_config.primary_key is required; list the key columns (e.g."
                                + " \"ol_w_id,ol_d_id,ol_o_id,ol_number\"), or set key_strategy to all_columns for a table without a primary key",
                        "step::system::public.t: hudi_config.partition_path is set but is_partitioned is false; set"
                                + " is_partitioned to true or remove partition_path");
    }

    @Test
    void partitionColumnMustBeAKeyColumn() {
        assertThat(problems("""
                {"identifier":"x","config":"step::system::public.orders",
                 "hudi_config":{"primary_key":"o_id","is_partitioned":true,"partition_path":"o_w_id"}}"""))
                .containsExactly(
                        "step::system::public.orders: hudi_config.partition_path must be one of the primary_key"
                                + " columns (o_id), got 'o_w_id': a row whose partition value changes would otherwise live in two partitions");
    }

    @Test
    void indexTypeIsOneOfTheStatelessIndexesAndTheRefusalSaysWhy() {
        assertThat(problems("""
                {"identifier":"x","config":"step::system::public.a","hudi_config":{"primary_key":"id","index_type":"bucket"}}""", """
                {"identifier":"x","config":"step::system::public.b","hudi_config":{"primary_key":"id","index_type":"RECORD_INDEX"}}""", """
                {"identifier":"x","config":"step::system::public.c","hudi_config":{"primary_key":"id","index_type":"blom"}}"""))
                .containsExactly(
                        "step::system::public.a: hudi_config.index_type must be one of SIMPLE | GLOBAL_SIMPLE | BLOOM |"
                                + " GLOBAL_BLOOM, got 'BUCKET' (a bucket index needs seed_hudi to write the bucket layout,"
                                + " which it does not yet); remove index_type to let lakepipe choose from the key shape",
                        "step::system::public.b: hudi_config.index_type must be one of SIMPLE | GLOBAL_SIMPLE | BLOOM |"
                                + " GLOBAL_BLOOM, got 'RECORD_INDEX' (the record index lives in the metadata table, which"
                                + " lakepipe's writers keep off); remove index_type to let lakepipe choose from the key shape",
                        "step::system::public.c: hudi_config.index_type must be one of SIMPLE | GLOBAL_SIMPLE | BLOOM |"
                                + " GLOBAL_BLOOM, got 'BLOM'; remove index_type to let lakepipe choose from the key shape");
    }

    @Test
    void indexTypeOverridesTheChoiceByKeyShape() {
        var report = ConfigValidator.validate(items(DATABASE, """
                {"identifier":"x","config":"step::system::public.t",
                 "hudi_config":{"primary_key":"id,w","is_partitioned":true,"partition_path":"w","index_type":"global_simple"}}"""));
        var hudi = PipelineConfigs.of(report.items()).systemStep("public.t").hudiConfig();

        assertThat(hudi.indexType()).contains(IndexType.GLOBAL_SIMPLE);
        assertThat(hudi.index(List.of("id", "w"))).isEqualTo(IndexType.GLOBAL_SIMPLE);
    }

    @Test
    void checksJdbcOptionsSparkConfAndEngine() {
        assertThat(problems("""
                {"identifier":"x","config":"step::system::public.t","hudi_config":{"primary_key":"id"},"engine":"flink",
                 "spark_jdbc_config":{"password":"hunter2","partitionColumn":"id","lowerBound":"0"},
                 "spark_conf":{"jdbc_lod":{"spark.a":"1"},"seed_hudi":{"executor.memory":"2g"}}}"""))
                .containsExactly(
                        "step::system::public.t: spark_jdbc_config.password must not be set: the connection and credentials"
                                + " come from the database::config secret; remove it",
                        "step::system::public.t: spark_jdbc_config.upperBound is required with partitionColumn, lowerBound"
                                + " (Spark needs partitionColumn, lowerBound, upperBound and numPartitions together)",
                        "step::system::public.t: spark_jdbc_config.numPartitions is required with partitionColumn, lowerBound"
                                + " (Spark needs partitionColumn, lowerBound, upperBound and numPartitions together)",
                        "step::system::public.t: spark_conf.jdbc_lod is not a system pipeline type; did you mean jdbc_load?",
                        "step::system::public.t: spark_conf.seed_hudi.executor.memory is not a Spark property (spark-submit"
                                + " ignores --conf keys not starting with spark.); did you mean spark.executor.memory?",
                        "step::system::public.t: engine must be one of spark | deltastreamer, got \"flink\"");
    }

    @Test
    void acceptsDeltastreamerEngine() {
        var report = ConfigValidator.validate(items(DATABASE, """
                {"identifier":"x","config":"step::system::public.t","hudi_config":{"primary_key":"id"},"engine":"deltastreamer"}"""));

        assertThat(report.problems()).isEmpty();
        assertThat(PipelineConfigs.of(report.items()).systemStep("public.t").engine())
                .isEqualTo(StepEngine.DELTASTREAMER);
    }

    @Test
    void refusesABadStepGroupAGroupedDeltastreamerTableAndSparkConfsAGroupCannotMerge() {
        assertThat(problems("""
                        {"identifier":"x","config":"step::system::public.a","hudi_config":{"primary_key":"id"},"step_group":"Small"}""", """
                        {"identifier":"x","config":"step::system::public.b","hudi_config":{"primary_key":"id"},"step_group":" "}""", """
                        {"identifier":"x","config":"step::system::public.c","hudi_config":{"primary_key":"id"},
                         "engine":"deltastreamer","step_group":"small"}""", """
                        {"identifier":"x","config":"step::system::public.d","hudi_config":{"primary_key":"id"},"step_group":"small",
                         "spark_conf":{"incremental_hudi":{"spark.sql.shuffle.partitions":"4","spark.executor.cores":"2"}}}""", """
                        {"identifier":"x","config":"step::system::public.e","hudi_config":{"primary_key":"id"},"step_group":"small",
                         "spark_conf":{"incremental_hudi":{"spark.sql.shuffle.partitions":"8"},"seed_hudi":{"spark.sql.shuffle.partitions":"8"}}}""", """
                        {"identifier":"x","config":"step::system::public.f","hudi_config":{"primary_key":"id"},"step_group":"small",
                         "enabled":false,"spark_conf":{"incremental_hudi":{"spark.sql.shuffle.partitions":"16"}}}"""))
                .containsExactly(
                        "step::system::public.a: step_group must be lower case letters, digits and _ (starting with a letter),"
                                + " got 'Small'",
                        "step::system::public.b: step_group must be a non-empty string, got \" \"",
                        "step::system::public.c: step_group cannot be set with engine deltastreamer: a HoodieStreamer step"
                                + " applies one table; remove step_group, or remove engine to apply the table with lakepipe's"
                                + " Spark apply",
                        "step::system::public.e: spark_conf.incremental_hudi.spark.sql.shuffle.partitions is 8 for public.e but 4"
                                + " for public.d in the same step_group small; the tables of a step group run in one Spark"
                                + " application with one spark_conf: set the same value on both, or give one another step_group");
    }

    @Test
    void aStepGroupJoinsTheSparkConfsOfItsTables() {
        var configs = PipelineConfigs.of(
                ConfigValidator.validate(items(DATABASE, """
                        {"identifier":"x","config":"step::system::public.a","hudi_config":{"primary_key":"id"},"step_group":"small",
                         "spark_conf":{"incremental_hudi":{"spark.sql.shuffle.partitions":"4"}}}""", """
                        {"identifier":"x","config":"step::system::public.b","hudi_config":{"primary_key":"id"},"step_group":"small",
                         "spark_conf":{"incremental_hudi":{"spark.sql.shuffle.partitions":"4","spark.executor.cores":"2"}}}""", """
                        {"identifier":"x","config":"step::system::public.c","hudi_config":{"primary_key":"id"}}""")).itemsOrThrow("test"));

        var groups = StepGroup.of(configs.enabledSystemSteps());

        assertThat(groups)
                .extracting(StepGroup::tables)
                .containsExactly(List.of("public.a", "public.b"), List.of("public.c"));
        assertThat(groups.get(0).sparkConf(PipelineType.INCREMENTAL_HUDI))
                .containsExactly(
                        Map.entry("spark.executor.cores", "2"), Map.entry("spark.sql.shuffle.partitions", "4"));
        assertThat(groups.get(1).isShared()).isFalse();
    }

    /** Problems of the given items plus a valid database::config. */
    private static List<String> problems(String... items) {
        var all = new ArrayList<String>(List.of(DATABASE));
        all.addAll(List.of(items));
        return ConfigValidator.validate(items(all.toArray(String[]::new))).problems().stream()
                .map(ConfigProblem::toString)
                .toList();
    }

    private static List<JsonNode> items(String... items) {
        return ConfigReader.parseItems("[" + String.join(",", items) + "]", "test");
    }
}
