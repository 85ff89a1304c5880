package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.TemplateQuery.properties;
import static dev.lakepipe.cdk.TemplateQuery.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.launcher.LauncherHandler;
import dev.lakepipe.launcher.LauncherSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What the CDK app hands the launcher is what the launcher module reads. */
class LauncherContractTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestDeployment.defaults();
    }

    @Test
    @SuppressWarnings("unchecked")
    void lambdaEnvironmentHoldsEveryLauncherSetting() {
        var function = properties(
                resources(template, "AWS::Lambda::Function").values().iterator().next());
        var variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
        var environment = new LinkedHashMap<String, String>();
        variables.forEach((name, value) -> environment.put(name, "deployed:" + value));

        var settings = LauncherSettings.fromEnvironment(environment);

        assertThat(settings.configTable())
                .isEqualTo("deployed:{Ref=%s}"
                        .formatted(TemplateQuery.logicalId(template, "AWS::DynamoDB::Table", "RuntimeConfigTable")));
        assertThat(settings.artifactsBucket())
                .contains(TemplateQuery.logicalId(template, "AWS::S3::Bucket", "DataLakeArtifactsBucket"));
        assertThat(settings.stateMachineArn()).contains(":stateMachine:lakepipe-tpcc-pipeline");
        assertThat(settings.sourceDatabase()).isEqualTo("deployed:xxxxxxxxx");
    }

    @Test
    void theLauncherReadsNoSecret() {
        var launcherRole = TemplateQuery.logicalId(template, "AWS::IAM::Role", "PipelineLauncherFunctionServiceRole");
        assertThat(TemplateQuery.roleStatements(template, launcherRole))
                .noneSatisfy(statement -> assertThat(TemplateQuery.list(statement.get("Action")))
                        .anyMatch(action -> action.startsWith("secretsmanager:")));
    }

    @Test
    void handlerNamesTheLauncherClassAndMethod() throws Exception {
        template.hasResourceProperties(
                "AWS::Lambda::Function", Map.of("Handler", LauncherHandler.class.getName() + "::handleRequest"));
        assertThat(LauncherHandler.class.getMethod("handleRequest", Map.class, Context.class))
                .isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void scheduleInputsAreLaunchRequests() throws Exception {
        var mapper = new ObjectMapper();
        var pipelines = resources(template, "AWS::Events::Rule").values().stream()
                .map(rule -> ((List<Map<String, Object>>) properties(rule).get("Targets"))
                        .get(0)
                        .get("Input")
                        .toString())
                .map(input -> {
                    try {
                        return LaunchRequest.fromEvent(
                                mapper.readValue(input, new TypeReference<Map<String, Object>>() {}));
                    } catch (Exception e) {
                        throw new AssertionError("Invalid rule input " + input, e);
                    }
                })
                .toList();
        assertThat(pipelines).extracting(LaunchRequest::identifier).containsOnly("tpcc");
        assertThat(pipelines)
                .extracting(LaunchRequest::pipeline)
                .containsExactlyInAnyOrder("jdbc_load", "incremental_hudi");
    }
}
