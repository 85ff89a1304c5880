package dev.lakepipe.local.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.AccessContract;
import dev.lakepipe.access.AwsArns;
import dev.lakepipe.deploy.LakeBucket;
import dev.lakepipe.iam.StackTemplate;
import dev.lakepipe.launcher.LauncherSettings;
import dev.lakepipe.local.demo.OrchestratedLoad;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The CDK app synthesized as {@code make synth} does (the cdk module's jar in its own JVM, node for jsii), read as
 * JSON, and the access contract of the local runtime against it: every principal the local run records (the
 * job-flow instance profiles, the launcher function, the state machine) mapped to the role the stack gives it, through
 * the placeholders {@code local-substitutions.json} and the deployed state machine's DefinitionSubstitutions share.
 */
public final class SynthesizedStack {

    public static final Path REPOSITORY =
            Path.of(System.getProperty("user.dir")).getParent();
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode defaults;

    private SynthesizedStack() {}

    /** The stack with the default context and the local bucket names ({@code BucketNamePrefix=lakepipe}); synthesized once per JVM. */
    public static synchronized JsonNode defaults() {
        if (defaults == null) {
            defaults = synthesize(Map.of(
                    "UseCase",
                    "tpcc",
                    "OpsEmailAddress",
                    "ops@example.com",
                    "BucketNamePrefix",
                    LakeBucket.LOCAL_PREFIX));
        }
        return defaults.deepCopy();
    }

    static JsonNode synthesize(Map<String, String> context) {
        try {
            var out = Files.createTempDirectory("lakepipe-synth");
            var cdk = REPOSITORY.resolve("cdk");
            var command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dlakepipe.repo=" + REPOSITORY,
                    "-cp",
                    cdk.resolve("target/lakepipe-cdk.jar") + ":" + cdk.resolve("target/lib/*"),
                    "dev.lakepipe.cdk.LakepipeApp"));
            context.forEach((key, value) -> command.add(key + "=" + value));
            var builder = new ProcessBuilder(command)
                    .directory(cdk.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.resolve("synth.log").toFile());
            builder.environment().put("CDK_OUTDIR", out.toString());
            builder.environment().remove("CDK_DEFAULT_ACCOUNT");
            builder.environment().remove("CDK_DEFAULT_REGION");
            var process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("make synth failed; see " + out.resolve("synth.log") + ":\n"
                        + Files.readString(out.resolve("synth.log")));
            }
            try (var files = Files.list(out)) {
                var templates = files.filter(
                                file -> file.getFileName().toString().endsWith(".template.json"))
                        .toList();
                if (templates.size() != 1) {
                    throw new AssertionError("Expected one stack template in " + out + ", found " + templates);
                }
                return JSON.readTree(templates.get(0).toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The access contract of the local runtime against {@code template}. */
    public static AccessContract contract(JsonNode template) {
        var stack = new StackTemplate(template, REGION, ACCOUNT);
        var deployed = stack.resources("AWS::StepFunctions::StateMachine").entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("PipelinePipelineStateMachine"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the stack has no pipeline state machine"))
                .getValue()
                .path("Properties");
        var substitutions = deployed.path("DefinitionSubstitutions");
        var local = localSubstitutions();
        var roles = new LinkedHashMap<String, String>();
        var renames = new LinkedHashMap<String, String>();
        local.forEach((placeholder, localValue) -> {
            var value = substitutions.get(placeholder);
            if (value == null) {
                return;
            }
            if (placeholder.endsWith("JobFlowRole")) {
                var profile = stack.resource(value.path("Ref").asText());
                var role = profile.path("Properties")
                        .path("Roles")
                        .get(0)
                        .path("Ref")
                        .asText();
                roles.put(localValue, role);
                renames.put(AwsArns.instanceProfile(localValue), stack.roleArn(role));
            } else if (placeholder.equals("EmrServiceRole")) {
                renames.put(
                        AwsArns.role(localValue),
                        stack.roleArn(value.path("Ref").asText()));
            } else if (placeholder.equals("LauncherFunctionArn")) {
                var function = stack.resource(value.path("Fn::GetAtt").get(0).asText());
                roles.put(
                        localValue,
                        function.path("Properties")
                                .path("Role")
                                .path("Fn::GetAtt")
                                .get(0)
                                .asText());
                renames.put(localValue, stack.resolveText(value));
                launcherNames(
                        stack, function.path("Properties").path("Environment").path("Variables"), renames);
            } else if (localValue.startsWith("arn:")) {
                renames.put(localValue, stack.resolveText(value));
            }
        });
        roles.put(
                LocalPipelineRuntime.stateMachineArn(),
                deployed.path("RoleArn").path("Fn::GetAtt").get(0).asText());
        var endpoint = stack.s3VpcEndpointId()
                .orElseThrow(() -> new AssertionError("the default stack creates an S3 gateway endpoint"));
        return new AccessContract(stack, roles, renaming(renames), endpoint);
    }

    /**
     * What the launcher calls, named by the function's environment on AWS: the state machine it starts and lists, and
     * the config table it reads (locally {@link OrchestratedLoad#CONFIG_TABLE}).
     */
    private static void launcherNames(StackTemplate stack, JsonNode environment, Map<String, String> renames) {
        renames.put(
                LocalPipelineRuntime.stateMachineArn(),
                stack.resolveText(required(environment, LauncherSettings.STATE_MACHINE_ARN)));
        renames.put(
                AwsArns.dynamoDbTable(OrchestratedLoad.CONFIG_TABLE),
                "arn:aws:dynamodb:%s:%s:table/%s"
                        .formatted(
                                REGION,
                                ACCOUNT,
                                stack.resolveText(required(environment, LauncherSettings.CONFIG_TABLE))));
    }

    private static JsonNode required(JsonNode environment, String variable) {
        var value = environment.get(variable);
        if (value == null) {
            throw new AssertionError("the launcher function has no environment variable " + variable);
        }
        return value;
    }

    /** The local value of a placeholder that is an ARN (the SNS topic, the launcher) to the stack's. */
    private static UnaryOperator<String> renaming(Map<String, String> arns) {
        var local = ":" + AwsArns.LOCAL_REGION + ":" + AwsArns.LOCAL_ACCOUNT + ":";
        var mapped = new LinkedHashMap<String, String>();
        arns.forEach((from, to) -> mapped.put(from.replace(local, ":" + REGION + ":" + ACCOUNT + ":"), to));
        return resource -> mapped.getOrDefault(resource, resource);
    }

    private static Map<String, String> localSubstitutions() {
        try {
            var node = JSON.readTree(REPOSITORY
                    .resolve("state-machines")
                    .resolve(LocalPipelineRuntime.SUBSTITUTIONS)
                    .toFile());
            var values = new LinkedHashMap<String, String>();
            node.fields()
                    .forEachRemaining(
                            entry -> values.put(entry.getKey(), entry.getValue().asText()));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code template} without {@code action} in the one statement of {@code role*}'s policies that lists it among others. */
    public static JsonNode withoutAction(JsonNode template, String rolePrefix, String action) {
        var copy = (ObjectNode) template.deepCopy();
        var removed = 0;
        for (var statement : roleStatements(copy, rolePrefix)) {
            var actions = statement.path("Action");
            for (var i = actions.size() - 1; i >= 0; i--) {
                if (actions.get(i).asText().equals(action)) {
                    ((ArrayNode) actions).remove(i);
                    removed++;
                }
            }
        }
        if (removed != 1) {
            throw new AssertionError(
                    "Expected one %s statement listing %s, found %d".formatted(rolePrefix, action, removed));
        }
        return copy;
    }

    private static List<JsonNode> roleStatements(JsonNode template, String rolePrefix) {
        var statements = new ArrayList<JsonNode>();
        for (var resource : template.path("Resources")) {
            if (isPolicyOf(resource, rolePrefix)) {
                resource.path("Properties")
                        .path("PolicyDocument")
                        .path("Statement")
                        .forEach(statements::add);
            }
        }
        return statements;
    }

    /** {@code template} without the statement of {@code role*}'s policies that allows {@code action} on a resource containing {@code resourcePart}. */
    public static JsonNode withoutStatement(JsonNode template, String rolePrefix, String action, String resourcePart) {
        var copy = (ObjectNode) template.deepCopy();
        var removed = 0;
        for (var resource : copy.path("Resources")) {
            if (!isPolicyOf(resource, rolePrefix)) {
                continue;
            }
            var statements = resource.path("Properties").path("PolicyDocument").path("Statement");
            for (var i = statements.size() - 1; i >= 0; i--) {
                var statement = statements.get(i);
                if (statement.path("Action").toString().contains("\"" + action + "\"")
                        && statement.path("Resource").toString().contains(resourcePart)) {
                    ((ArrayNode) statements).remove(i);
                    removed++;
                }
            }
        }
        if (removed != 1) {
            throw new AssertionError("Expected one %s statement allowing %s on *%s*, found %d"
                    .formatted(rolePrefix, action, resourcePart, removed));
        }
        return copy;
    }

    private static boolean isPolicyOf(JsonNode resource, String rolePrefix) {
        return resource.path("Type").asText().equals("AWS::IAM::Policy")
                && resource.path("Properties")
                        .path("Roles")
                        .get(0)
                        .path("Ref")
                        .asText()
                        .startsWith(rolePrefix);
    }
}
