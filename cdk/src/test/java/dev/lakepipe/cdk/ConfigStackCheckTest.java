package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigItem;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.ConfigValidator;
import dev.lakepipe.deploy.ConfigStackCheck;
import dev.lakepipe.deploy.StackDescription;
import dev.lakepipe.deploy.StackNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The shipped configs name what a real synthesized stack creates; each kind of mismatch is named. */
class ConfigStackCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shippedTpccConfigsMatchTheTpccStack() {
        var stack = describe(TestDeployment.defaults());
        assertThat(stack.sparkSecret())
                .isEqualTo(new StackNames("tpcc").sparkSecret())
                .isEqualTo("tpcc/rdbms/rds/primary/spark");
        assertThat(stack.glueDatabase()).isEqualTo("tpcc_lake");
        assertThat(ConfigStackCheck.mismatches(tpccItems(), stack)).isEmpty();
    }

    @Test
    void namesEachMismatchAndItsFix() {
        var stack = describe(TestDeployment.synth(TestDeployment.tempDir(), Map.of("ConfigIdentifier", "tpcc_eu")));
        var items =
                ConfigValidator.validate(ConfigReader.parseItems("""
                [{"identifier": "tpcc", "config": "database::config", "secret": "lakepipe/tpcc/spark", "target_db_name": "tpcc", "target_table_prefix": "tpcc"}]
                """, "test")).itemsOrThrow("test");

        assertThat(ConfigStackCheck.mismatches(items, stack))
                .containsExactly(
                        "identifier 'tpcc' is not the one stack test's schedules launch ('tpcc_eu'); rename the items or deploy with -c ConfigIdentifier=tpcc",
                        "tpcc database::config: secret is 'lakepipe/tpcc/spark' but stack test creates the Spark secret 'tpcc/rdbms/rds/primary/spark';"
                                + " set \"secret\": \"tpcc/rdbms/rds/primary/spark\"",
                        "tpcc database::config: target_db_name is 'tpcc' but stack test creates, registers and grants the Glue database 'tpcc_lake';"
                                + " set \"target_db_name\": \"tpcc_lake\"");
    }

    @Test
    void aTemplateWhoseOutputsNameAResourceItDoesNotCreateIsRefused() {
        var template = (ObjectNode) JSON.valueToTree(TestDeployment.defaults().toJSON());
        var resources = (ObjectNode) template.get("Resources");
        var glue = resources.properties().stream()
                .filter(entry -> entry.getValue().path("Type").asText().equals("AWS::Glue::Database"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        resources.remove(glue);

        assertThatThrownBy(() -> StackDescription.fromTemplate("test", template))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid stack template test: its outputs name AWS::Glue::Database tpcc_lake, but it creates only []");
    }

    @Test
    void aTemplateWithoutTheOutputsIsRefused() {
        var template = (ObjectNode) JSON.valueToTree(TestDeployment.defaults().toJSON());
        template.remove("Outputs");

        assertThatThrownBy(() -> StackDescription.fromTemplate("old.template.json", template))
                .hasMessageStartingWith(
                        "Invalid stack old.template.json: no output UseCase, ConfigIdentifier, SparkSecretName, GlueDatabaseName, SourceDatabaseName;");
    }

    private static StackDescription describe(Template template) {
        JsonNode json = JSON.valueToTree(template.toJSON());
        return StackDescription.fromTemplate("test", json);
    }

    private static List<ConfigItem> tpccItems() {
        return ConfigValidator.validate(
                        ConfigReader.readItems(TestDeployment.REPOSITORY.resolve("pipeline-configs/tpcc.json")))
                .itemsOrThrow("tpcc.json");
    }
}
