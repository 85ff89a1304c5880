package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDK CLI that {@code make deploy} runs (pinned in cdk/package.json) must read the cloud assembly of the
 * aws-cdk-lib the root pom pins: a CLI older than the library refuses the assembly's schema version.
 */
class CdkCliCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path assembly;

    @BeforeAll
    static void synth() {
        var dir = TestDeployment.tempDir();
        TestDeployment.synth(dir, Map.of("AdminPrincipalArns", TestDeployment.ADMIN_ROLE));
        assembly = dir.resolve("cdk.out");
    }

    @Test
    void pinnedCliReadsTheSynthesizedAssembly() {
        var result = NodeTool.bin("cdk", "ls", "--app", assembly.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("lakepipe-tpcc");
    }

    @Test
    void aCliOlderThanTheAssemblyIsRefused() throws IOException {
        var newer = Files.createTempDirectory(assembly.getParent(), "newer-schema");
        var manifest =
                (ObjectNode) JSON.readTree(assembly.resolve("manifest.json").toFile());
        manifest.put("version", "999.0.0");
        JSON.writeValue(newer.resolve("manifest.json").toFile(), manifest);
        Files.copy(assembly.resolve("lakepipe-tpcc.template.json"), newer.resolve("lakepipe-tpcc.template.json"));
        var result = NodeTool.bin("cdk", "ls", "--app", newer.toString());
        assertThat(result.output()).contains("Cloud assembly schema version mismatch");
    }

    @Test
    void cliVersionIsPinnedExactlyAndTheMakefileUsesIt() throws IOException {
        var packageJson = JSON.readTree(NodeTool.MODULE.resolve("package.json").toFile());
        assertThat(packageJson.at("/devDependencies/aws-cdk").asText()).matches("2\\.1\\d{3}\\.\\d+");
        var installed = JSON.readTree(
                        NodeTool.NODE_MODULES.resolve("aws-cdk/package.json").toFile())
                .get("version")
                .asText();
        assertThat(installed)
                .isEqualTo(packageJson.at("/devDependencies/aws-cdk").asText());
        assertThat(Files.readString(TestDeployment.REPOSITORY.resolve("Makefile")))
                .contains("CDK_CLI ?= node_modules/.bin/cdk")
                .doesNotContain("aws-cdk@");
    }
}
