package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class StateMachineDefinitionTest {
    private static final Path BAD =
            Path.of("src/test/resources/bad-state-machines").toAbsolutePath();

    @Test
    void readsEveryAslFileWithItsPlaceholders() {
        var definitions = StateMachineDefinition.readAll(BAD);
        assertThat(definitions).singleElement().satisfies(definition -> {
            assertThat(definition.name()).isEqualTo("broken");
            assertThat(definition.title()).isEqualTo("Broken");
            assertThat(definition.placeholders()).containsExactlyInAnyOrder("BronzeBucket", "NoSuchThing");
        });
    }

    @Test
    void placeholderScanIgnoresJsonPathAndIntrinsics() {
        assertThat(StateMachineDefinition.placeholders(
                        "{\"a.$\": \"States.Format('{}', $.x)\", \"b\": \"${SilverBucket}/${Gold_2}\"}"))
                .containsExactly("SilverBucket", "Gold_2");
    }

    @Test
    void titleCamelCasesFileNames() {
        assertThat(StateMachineDefinition.title("continuous-hudi")).isEqualTo("ContinuousHudi");
        assertThat(StateMachineDefinition.title("jdbc_load")).isEqualTo("JdbcLoad");
    }

    @Test
    void unknownPlaceholderFailsNamingItAndTheFile() {
        var definition = StateMachineDefinition.readAll(BAD).get(0);
        assertThatThrownBy(() -> definition.requireKnownPlaceholders(List.of("BronzeBucket", "SilverBucket")))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid placeholder [${NoSuchThing}] in state machine %s: the CDK app provides only [BronzeBucket, SilverBucket]; "
                                + "rename the placeholder or add it to Pipeline.substitutions",
                        definition.file());
    }

    @Test
    void synthFailsOnAnUnknownPlaceholder(@TempDir Path dir) {
        var context = TestDeployment.minimalContext(dir);
        context.put("StateMachinesDir", BAD.toString());
        var app = new App(AppProps.builder()
                .outdir(dir.resolve("cdk.out").toString())
                .context(context)
                .build());
        assertThatThrownBy(() -> LakepipeApp.build(app, TestDeployment.REPOSITORY))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Invalid placeholder [${NoSuchThing}] in state machine " + BAD.resolve("broken.asl.json"))
                .hasMessageContaining("BronzeBucket, BronzeJobFlowRole, ConfigIdentifier, ConfigTable");
    }
}
