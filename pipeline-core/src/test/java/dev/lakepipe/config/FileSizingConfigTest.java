package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code file_sizing} of the incremental_hudi / continuous_hudi pipeline items. */
class FileSizingConfigTest {

    private static final String DATABASE = """
            {"identifier":"x","config":"database::config","secret":"s","target_db_name":"lake","target_table_prefix":"p"}""";
    private static final String EMR = """
            "emr_config":{"release_label":"emr-7.5.0","master":{"instance_type":"m5.xlarge"},"worker":{"instance_type":"r5.xlarge","count":2}}""";

    @Test
    void defaultsWhenAbsent() {
        var configs = PipelineConfigs.of(parse(pipeline("incremental_hudi", "")));

        assertThat(configs.pipeline(PipelineType.INCREMENTAL_HUDI).orElseThrow().fileSizing())
                .isEqualTo(FileSizing.DEFAULTS);
        assertThat(FileSizing.DEFAULTS)
                .isEqualTo(new FileSizing(
                        128,
                        100,
                        1024,
                        new FileSizing.Clustering(true, 10, 100, 128),
                        new FileSizing.Cleaning(true, 10, 20, 30),
                        new FileSizing.Compaction(FileSizing.Compaction.Mode.INLINE, 5)));
    }

    @Test
    void readsTheCompactionOfMergeOnReadTables() {
        var configs = PipelineConfigs.of(parse(pipeline("continuous_hudi", """
                ,"file_sizing":{"compaction":{"mode":"scheduled","every_delta_commits":"12"}}""")));

        assertThat(configs.pipeline(PipelineType.CONTINUOUS_HUDI)
                        .orElseThrow()
                        .fileSizing()
                        .compaction())
                .isEqualTo(new FileSizing.Compaction(FileSizing.Compaction.Mode.SCHEDULED, 12));
        assertThat(PipelineConfigs.of(parse(pipeline("incremental_hudi", """
                                ,"file_sizing":{"compaction":{"every_delta_commits":2}}""")))
                        .pipeline(PipelineType.INCREMENTAL_HUDI)
                        .orElseThrow()
                        .fileSizing()
                        .compaction())
                .isEqualTo(new FileSizing.Compaction(FileSizing.Compaction.Mode.INLINE, 2));
    }

    @Test
    void namesAnInvalidCompaction() {
        assertThat(problems(pipeline("incremental_hudi", """
                ,"file_sizing":{"compaction":{"mode":"async","every_delta_commits":0,"every_commits":3}}""")))
                .containsExactlyInAnyOrder(
                        "pipeline::system::incremental_hudi: file_sizing.compaction.mode must be one of inline | scheduled,"
                                + " got \"async\"",
                        "pipeline::system::incremental_hudi: file_sizing.compaction.every_delta_commits must be at least 1,"
                                + " got 0",
                        "pipeline::system::incremental_hudi: file_sizing.compaction.every_commits is not a known field;"
                                + " did you mean every_delta_commits?");
    }

    @Test
    void readsEveryFieldIncludingDynamoDbStringNumbers() {
        var configs = PipelineConfigs.of(parse(pipeline("continuous_hudi", """
                ,"file_sizing":{"max_file_size_mb":"256","small_file_limit_mb":200,"record_size_estimate_bytes":300,
                  "clustering":{"enabled":false,"every_commits":4,"small_file_limit_mb":64,"target_file_size_mb":256},
                  "cleaning":{"enabled":"true","commits_retained":24,"keep_min_commits":30,"keep_max_commits":40}}""")));

        assertThat(configs.pipeline(PipelineType.CONTINUOUS_HUDI).orElseThrow().fileSizing())
                .isEqualTo(new FileSizing(
                        256,
                        200,
                        300,
                        new FileSizing.Clustering(false, 4, 64, 256),
                        new FileSizing.Cleaning(true, 24, 30, 40)));
    }

    @Test
    void archivalFollowsALargerRetentionWhenNotSet() {
        var configs = PipelineConfigs.of(parse(pipeline("incremental_hudi", """
                ,"file_sizing":{"cleaning":{"commits_retained":48}}""")));

        assertThat(configs.pipeline(PipelineType.INCREMENTAL_HUDI)
                        .orElseThrow()
                        .fileSizing()
                        .cleaning())
                .isEqualTo(new FileSizing.Cleaning(true, 48, 49, 50));
    }

    @Test
    void namesEveryInconsistentSize() {
        assertThat(problems(pipeline("incremental_hudi", """
                ,"file_sizing":{"max_file_size_mb":100,"small_file_limit_mb":120,"record_size_estimate_bytes":0,
                  "clustering":{"every_commits":0,"small_file_limit_mb":200,"target_file_size_mb":128,"evry":1},
                  "cleaning":{"commits_retained":10,"keep_min_commits":10,"keep_max_commits":5}}""")))
                .containsExactlyInAnyOrder(
                        "pipeline::system::incremental_hudi: file_sizing.small_file_limit_mb must be below max_file_size_mb (100), got 120:"
                                + " a file at the limit could never grow; e.g. 100 with 128",
                        "pipeline::system::incremental_hudi: file_sizing.record_size_estimate_bytes must be at least 1, got 0",
                        "pipeline::system::incremental_hudi: file_sizing.clustering.every_commits must be at least 1, got 0",
                        "pipeline::system::incremental_hudi: file_sizing.clustering.small_file_limit_mb must be below target_file_size_mb (128),"
                                + " got 200: clustering would rewrite files it just wrote; e.g. 100 with 128",
                        "pipeline::system::incremental_hudi: file_sizing.clustering.evry is not a known field; known: enabled, every_commits,"
                                + " small_file_limit_mb, target_file_size_mb",
                        "pipeline::system::incremental_hudi: file_sizing.cleaning.keep_min_commits must be above commits_retained (10), got 10:"
                                + " Hudi cannot archive instants the cleaner still needs; e.g. 20",
                        "pipeline::system::incremental_hudi: file_sizing.cleaning.keep_max_commits must be above keep_min_commits (10), got 5; e.g. 20");
    }

    @Test
    void belongsToTheHudiUpsertPipelinesOnly() {
        assertThat(problems(pipeline("jdbc_load", """
                ,"file_sizing":{"max_file_size_mb":128}""")))
                .containsExactly(
                        "pipeline::system::jdbc_load: file_sizing applies to the Hudi upserts of incremental_hudi and"
                                + " continuous_hudi only; remove it from this pipeline");
    }

    private static String pipeline(String type, String extra) {
        return "{\"identifier\":\"x\",\"config\":\"pipeline::system::" + type + "\"," + EMR + extra + "}";
    }

    private static List<ConfigItem> parse(String item) {
        return PipelineConfigs.fromStoredItems(
                        ConfigReader.parseItems("[" + DATABASE + "," + item + "]", "test"), "test")
                .items();
    }

    private static List<String> problems(String item) {
        return ConfigValidator.validate(ConfigReader.parseItems("[" + DATABASE + "," + item + "]", "test"))
                .problems()
                .stream()
                .map(ConfigProblem::toString)
                .toList();
    }
}
