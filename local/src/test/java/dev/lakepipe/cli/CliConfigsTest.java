package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigsTest {

    @Test
    void tpccConfigsAreValid() {
        var result = CliDriver.run("configs", "validate", "../pipeline-configs/tpcc.json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("../pipeline-configs/tpcc.json: valid, 16 items for tpcc\n");
    }

    @Test
    void tpccConfigsMatchTheTpccStack() {
        var result = CliDriver.run(
                "configs", "validate", "../pipeline-configs/tpcc.json", "--stack", "src/test/resources/stacks");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .startsWith(
                        "../pipeline-configs/tpcc.json: matches stack src/test/resources/stacks/tpcc.template.json\n");
    }

    @Test
    void namesEachMismatchWithTheStack(@TempDir Path dir) throws IOException {
        var file = dir.resolve("configs.json");
        Files.writeString(file, """
                [{"identifier": "tpcc", "config": "database::config", "secret": "lakepipe/tpcc/spark", "target_db_name": "tpcc", "target_table_prefix": "tpcc"}]
                """);

        var result = CliDriver.run(
                "configs", "validate", file.toString(), "--stack", "src/test/resources/stacks/tpcc.template.json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith(file + ": 2 mismatch(es) with stack src/test/resources/stacks/tpcc.template.json\n")
                .contains(
                        "secret is 'lakepipe/tpcc/spark' but stack src/test/resources/stacks/tpcc.template.json creates the Spark secret 'tpcc/rdbms/rds/primary/spark'")
                .contains(
                        "target_db_name is 'tpcc' but stack src/test/resources/stacks/tpcc.template.json creates, registers and grants the Glue database 'tpcc_lake'");
    }

    @Test
    void namesAllThreePlantedMistakes() {
        var file = "../pipeline-core/src/test/resources/configs/three-mistakes.json";

        var result = CliDriver.run("configs", "validate", file);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith(file + ": 3 problem(s)")
                .contains(
                        "pipeline::custom::seed_hudi: config uses the reserved name 'seed_hudi' for a custom pipeline")
                .contains(
                        "step::system::public.order_line: hudi_config.partition_path is required when is_partitioned is true")
                .contains(
                        "step::system::public.item: hudi_config.watermrk is not a known field; did you mean watermark?");
    }

    @Test
    void missingFileIsOneClearLine() {
        var result = CliDriver.run("configs", "validate", "no-such.json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("Error: Failed to read configs file no-such.json\n")
                .contains("--errors");
    }

    @Test
    void plansAPipeline() {
        var result = CliDriver.run(
                "configs",
                "plan",
                "../pipeline-configs/tpcc.json",
                "--pipeline",
                "seed_hudi",
                "--artifacts",
                "file:///h/s3/lakepipe-artifacts",
                "--execution",
                "e1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("\"Name\" : \"seed_hudi public.order_line to tpcc_lake.tpcc_public_order_line\"")
                .contains(
                        "\"file:///h/s3/lakepipe-artifacts/jars/emr-steps.jar\", \"--config\","
                                + " \"file:///h/s3/lakepipe-artifacts/runtime/tpcc/e1.json\", \"--table\", \"public.order_line\"");
    }

    @Test
    void planOfAnInvalidFileNamesTheProblems() {
        var result = CliDriver.run(
                "configs",
                "plan",
                "../pipeline-core/src/test/resources/configs/three-mistakes.json",
                "--pipeline",
                "jdbc_load");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err())
                .startsWith(
                        "Error: Invalid configs in ../pipeline-core/src/test/resources/configs/three-mistakes.json: 3 problem(s)");
    }

    @Test
    void missingArgumentIsUsageError() {
        var result = CliDriver.run("configs", "import", "../pipeline-configs/tpcc.json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--table=TABLE'");
    }
}
