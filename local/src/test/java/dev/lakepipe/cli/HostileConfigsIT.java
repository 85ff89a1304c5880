package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite's bad configs (issue 17): each bad file is refused by {@code configs validate} and by
 * {@code configs import} with a message that names the culprit and the fix, and the stored configs stay as they were.
 */
class HostileConfigsIT {

    private static final Path TPCC = Path.of("../pipeline-configs/tpcc.json");
    private static final String TABLE = "configs";

    @TempDir
    static Path home;

    @BeforeAll
    static void storeTheGoodConfigs() {
        var imported = CliDriver.runIn(home, "configs", "import", TPCC.toString(), "--table", TABLE);
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                raw("garbage bytes", "\u0001\u0002{not json", "not JSON at line 1, column 2 (Illegal character"),
                raw("an empty file", "", "it is empty; expected a JSON array of config items"),
                raw(
                        "one object, not an array",
                        "{\"identifier\": \"tpcc\"}",
                        "got a JSON object; wrap the item(s) in [ ]"),
                raw("an empty array", "[]", "holds no items"),
                edit(
                        "a duplicate key",
                        items -> items.add(items.get(0).deepCopy()),
                        "database::config: appears twice for identifier tpcc; keep one item per config key"),
                edit(
                        "no identifier",
                        items -> item(items, "database::config").remove("identifier"),
                        "database::config: identifier is required; set it to the group these items belong to"),
                edit(
                        "a table name that is SQL",
                        items -> item(items, "step::system::public.orders")
                                .put("config", "step::system::public.orders; drop table x"),
                        "config names no table: 'public.orders; drop table x'; expected step::system::<schema>.<table>"),
                edit(
                        "a Glue database name Glue refuses",
                        items -> item(items, "database::config").put("target_db_name", "Tpcc-Lake"),
                        "target_db_name must be a Glue name (lower case letters, digits, _), got 'Tpcc-Lake'"),
                edit(
                        "a negative step parallelism",
                        items -> emr(items, "jdbc_load").put("step_parallelism", -1),
                        "pipeline::system::jdbc_load: emr_config.step_parallelism must be at least 1, got -1"),
                edit(
                        "a number as text",
                        items -> emr(items, "jdbc_load").put("step_parallelism", "four"),
                        "emr_config.step_parallelism must be an integer (a JSON number or a string of digits), got \"four\""),
                edit(
                        "a count too large for EMR",
                        items -> ((ObjectNode) emr(items, "jdbc_load").get("worker")).put("count", 1e20),
                        "emr_config.worker.count must be an integer"),
                edit(
                        "an instance type EC2 does not have",
                        items -> ((ObjectNode) emr(items, "seed_hudi").get("worker")).put("instance_type", "r5.huge"),
                        "pipeline::system::seed_hudi: emr_config.worker.instance_type is 'r5.huge', which is no EC2 instance type"),
                edit(
                        "an EMR release without the steps' Hudi",
                        items -> emr(items, "incremental_hudi").put("release_label", "emr-6.15.0"),
                        "pipeline::system::incremental_hudi: emr_config.release_label is 'emr-6.15.0', which does not ship Hudi 0.15"),
                edit(
                        "a loop of pipelines",
                        items -> item(items, "pipeline::custom::consumption")
                                .putObject("next_pipeline")
                                .put("pipeline_type", "incremental_hudi"),
                        "closes the loop incremental_hudi -> consumption -> incremental_hudi"),
                edit(
                        "a pipeline that follows itself",
                        items -> item(items, "pipeline::system::seed_hudi")
                                .putObject("next_pipeline")
                                .put("pipeline_type", "seed_hudi"),
                        "pipeline::system::seed_hudi: next_pipeline.pipeline_type names this pipeline itself"),
                edit(
                        "a misspelt field",
                        items -> item(items, "step::system::public.item")
                                .with("hudi_config")
                                .put("watermrk", "x"),
                        "hudi_config.watermrk is not a known field; did you mean watermark?"),
                edit(
                        "a partition column outside the key",
                        items -> item(items, "step::system::public.order_line")
                                .with("hudi_config")
                                .put("partition_path", "ol_amount"),
                        "step::system::public.order_line: hudi_config.partition_path"),
                edit(
                        "parallel steps in a custom pipeline",
                        items -> emr(items, "consumption").put("step_parallelism", 2),
                        "which EMR refuses when the cluster's StepConcurrencyLevel is above 1; set step_parallelism to 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void isRefusedByNameAndLeavesTheStoredConfigsAlone(String name, String content, String expected)
            throws IOException {
        var file = Files.writeString(home.resolve(name.replace(' ', '-') + ".json"), content);

        var validated = CliDriver.runIn(home, "configs", "validate", file.toString());
        var imported = CliDriver.runIn(home, "configs", "import", file.toString(), "--table", TABLE);

        assertThat(validated.exitCode()).as(validated.toString()).isEqualTo(1);
        assertThat(validated.err())
                .as(validated.toString())
                .contains(file.toString())
                .contains(expected);
        assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.err()).as(imported.toString()).contains(expected);
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(ConfigReader.readItems(TPCC));
    }

    private static List<JsonNode> stored() throws IOException {
        var exported = home.resolve("exported.json");
        var export = CliDriver.runIn(
                home, "configs", "export", "--identifier", "tpcc", "--table", TABLE, "-o", exported.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        return ConfigReader.readItems(exported);
    }

    private static Arguments raw(String name, String content, String expected) {
        return Arguments.of(name, content, expected);
    }

    private static Arguments edit(String name, Consumer<ArrayNode> change, String expected) {
        try {
            var items = (ArrayNode) Json.MAPPER.readTree(TPCC.toFile());
            change.accept(items);
            return Arguments.of(name, Json.MAPPER.writeValueAsString(items), expected);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + TPCC, e);
        }
    }

    private static ObjectNode item(ArrayNode items, String config) {
        for (var item : items) {
            if (item.path("config").asText().equals(config)) {
                return (ObjectNode) item;
            }
        }
        throw new IllegalArgumentException("No item " + config + " in " + TPCC);
    }

    private static ObjectNode emr(ArrayNode items, String pipeline) {
        var key = pipeline.equals("consumption") ? "pipeline::custom::consumption" : "pipeline::system::" + pipeline;
        return (ObjectNode) item(items, key).get("emr_config");
    }
}
