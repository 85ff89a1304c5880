package dev.lakepipe.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a lakepipe stack says it created: its {@link StackOutput}s, from a synthesized template or from a
 * deployed stack's outputs.
 *
 * @param source names the template file or stack, for messages
 */
public record StackDescription(String source, Map<StackOutput, String> outputs) {

    public StackDescription {
        requireNonNull(source, "source is null");
        outputs = Map.copyOf(outputs);
        var present = outputs.keySet();
        var missing = Arrays.stream(StackOutput.values())
                .filter(output -> !present.contains(output))
                .map(StackOutput::key)
                .toList();
        if (!missing.isEmpty()) {
            throw new LakepipeException(
                    "Invalid stack %s: no output %s; synthesize or deploy it with this version of the lakepipe CDK app (make synth)",
                    source, String.join(", ", missing));
        }
    }

    /** From a deployed stack's {@code OutputKey -> OutputValue} (DescribeStacks); other outputs are ignored. */
    public static StackDescription fromOutputs(String stackName, Map<String, String> outputsByKey) {
        var outputs = new EnumMap<StackOutput, String>(StackOutput.class);
        for (var output : StackOutput.values()) {
            var value = outputsByKey.get(output.key());
            if (value != null) {
                outputs.put(output, value);
            }
        }
        return new StackDescription(stackName, outputs);
    }

    /**
     * From a synthesized template. The outputs must be plain strings, and the secret and Glue database they name
     * must be resources of the template: a stack that would not create them is refused.
     */
    public static StackDescription fromTemplate(String source, JsonNode template) {
        var outputs = new EnumMap<StackOutput, String>(StackOutput.class);
        var problems = new ArrayList<String>();
        for (var output : StackOutput.values()) {
            var value = template.path("Outputs").path(output.key()).path("Value");
            if (value.isTextual()) {
                outputs.put(output, value.asText());
            } else if (!value.isMissingNode()) {
                problems.add("output %s is not a plain string".formatted(output.key()));
            }
        }
        var description = new StackDescription(source, outputs);
        requireResource(
                template, "AWS::SecretsManager::Secret", "/Properties/Name", description.sparkSecret(), problems);
        requireResource(
                template,
                "AWS::Glue::Database",
                "/Properties/DatabaseInput/Name",
                description.glueDatabase(),
                problems);
        if (!problems.isEmpty()) {
            throw new LakepipeException("Invalid stack template %s: %s", source, String.join("; ", problems));
        }
        return description;
    }

    private static void requireResource(
            JsonNode template, String type, String namePointer, String name, List<String> problems) {
        var names = new TreeSet<String>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                names.add(resource.at(namePointer).asText());
            }
        });
        if (!names.contains(name)) {
            problems.add("its outputs name %s %s, but it creates only %s".formatted(type, name, names));
        }
    }

    public String get(StackOutput output) {
        return outputs.get(output);
    }

    public String useCase() {
        return get(StackOutput.USE_CASE);
    }

    public String configIdentifier() {
        return get(StackOutput.CONFIG_IDENTIFIER);
    }

    public String sparkSecret() {
        return get(StackOutput.SPARK_SECRET);
    }

    public String glueDatabase() {
        return get(StackOutput.GLUE_DATABASE);
    }

    public String sourceDatabase() {
        return get(StackOutput.SOURCE_DATABASE);
    }

    /** The identifiers of {@code identifiers} other than the one the stack's schedules launch. */
    Set<String> foreignIdentifiers(Set<String> identifiers) {
        var foreign = new TreeSet<>(identifiers);
        foreign.remove(configIdentifier());
        return foreign;
    }
}
