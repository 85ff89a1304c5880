package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation registry resource schemas as {@code @aws-cdk/aws-service-spec} carries them (its
 * {@code db.json.gz}, installed from cdk/package-lock.json), and a check of a synthesized template against them:
 * every resource type exists, no unknown property, every required property present, values of the declared type
 * (string, number, boolean, list, map, nested type, tag) and within the allowed values where the schema lists them.
 *
 * <p>Intrinsic functions ({@code Ref}, {@code Fn::*}) are not evaluated: a value computed at deployment passes.
 * Primitive values are accepted in their string form as CloudFormation does ({@code "5"} for an integer).
 */
final class ResourceSchemas {
    static final Path DATABASE = NodeTool.NODE_MODULES.resolve("@aws-cdk/aws-service-spec/db.json.gz");
    /** Types the registry does not describe: CloudFormation's own custom resources and CDK metadata. */
    private static final Set<String> UNDESCRIBED = Set.of("AWS::CloudFormation::CustomResource", "AWS::CDK::Metadata");

    private final Map<String, JsonNode> resources;
    private final Map<String, JsonNode> typeDefinitions;

    private ResourceSchemas(Map<String, JsonNode> resources, Map<String, JsonNode> typeDefinitions) {
        this.resources = resources;
        this.typeDefinitions = typeDefinitions;
    }

    static ResourceSchemas load() {
        if (!Files.isRegularFile(DATABASE)) {
            throw new IllegalStateException(
                    "Cannot find %s: the cdk module's build installs it with `npm ci` (run `mvn -pl cdk generate-resources`)"
                            .formatted(DATABASE));
        }
        try (var in = new GZIPInputStream(Files.newInputStream(DATABASE))) {
            var schema = new ObjectMapper().readTree(in).path("schema");
            var resources = new HashMap<String, JsonNode>();
            schema.path("resource")
                    .path("entities")
                    .forEach(resource ->
                            resources.put(resource.path("cloudFormationType").asText(), resource));
            var types = new HashMap<String, JsonNode>();
            schema.path("typeDefinition")
                    .path("entities")
                    .forEach(type -> types.put(type.path("$id").asText(), type));
            if (resources.isEmpty() || types.isEmpty()) {
                throw new IllegalStateException(
                        "Invalid %s: no resource or type definitions; reinstall with npm ci".formatted(DATABASE));
            }
            return new ResourceSchemas(resources, types);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + DATABASE, e);
        }
    }

    /** Every problem of {@code template}, each naming the resource, the property path and what the schema expects. */
    List<String> validate(JsonNode template) {
        requireNonNull(template, "template is null");
        var problems = new ArrayList<String>();
        template.path("Resources")
                .fields()
                .forEachRemaining(entry -> validateResource(entry.getKey(), entry.getValue(), problems));
        return problems;
    }

    private void validateResource(String logicalId, JsonNode resource, List<String> problems) {
        var type = resource.path("Type").asText();
        if (type.startsWith("Custom::") || UNDESCRIBED.contains(type)) {
            return;
        }
        var schema = resources.get(type);
        if (schema == null) {
            problems.add("%s: unknown resource type %s".formatted(logicalId, type));
            return;
        }
        validateProperties(
                logicalId + " (" + type + ")", schema.path("properties"), resource.path("Properties"), problems);
    }

    private void validateProperties(String path, JsonNode declared, JsonNode actual, List<String> problems) {
        if (!actual.isMissingNode() && !actual.isObject()) {
            if (!isIntrinsic(actual)) {
                problems.add("%s: expected an object, got %s".formatted(path, describe(actual)));
            }
            return;
        }
        declared.fields().forEachRemaining(property -> {
            if (property.getValue().path("required").asBoolean(false) && !actual.has(property.getKey())) {
                problems.add("%s: missing required property %s".formatted(path, property.getKey()));
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
            var property = it.next();
            var declaration = declared.get(property.getKey());
            if (declaration == null) {
                problems.add("%s: unknown property %s (the schema has %s)"
                        .formatted(path, property.getKey(), names(declared)));
                continue;
            }
            validateValue(path + "." + property.getKey(), declaration, property.getValue(), problems);
        }
    }

    /** The current type, or else one the property had before (the registry still accepts those). */
    private void validateValue(String path, JsonNode declaration, JsonNode value, List<String> problems) {
        var current = new ArrayList<String>();
        validateType(path, declaration.path("type"), value, current);
        if (current.isEmpty()) {
            return;
        }
        for (var previous : declaration.path("previousTypes")) {
            var errors = new ArrayList<String>();
            validateType(path, previous, value, errors);
            if (errors.isEmpty()) {
                return;
            }
        }
        problems.addAll(current);
    }

    private void validateType(String path, JsonNode type, JsonNode value, List<String> problems) {
        if (isIntrinsic(value)) {
            return;
        }
        switch (type.path("type").asText()) {
            case "string", "date-time" -> {
                if (!value.isValueNode() || value.isNull()) {
                    problems.add("%s: expected a string, got %s".formatted(path, describe(value)));
                } else if (type.has("allowedValues") && !contains(type.path("allowedValues"), value.asText())) {
                    problems.add(
                            "%s: '%s' is not one of %s".formatted(path, value.asText(), type.path("allowedValues")));
                }
            }
            case "integer" ->
                requirePrimitive(
                        path,
                        value,
                        value.isIntegralNumber()
                                || value.isTextual() && value.asText().matches("-?\\d+"),
                        "an integer",
                        problems);
            case "number" ->
                requirePrimitive(
                        path,
                        value,
                        value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?"),
                        "a number",
                        problems);
            case "boolean" ->
                requirePrimitive(
                        path,
                        value,
                        value.isBoolean() || value.isTextual() && value.asText().matches("true|false"),
                        "a boolean",
                        problems);
            case "json" -> {}
            case "array" -> {
                if (!value.isArray()) {
                    problems.add("%s: expected a list, got %s".formatted(path, describe(value)));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    validateType(path + "[" + i + "]", type.path("element"), value.get(i), problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add("%s: expected a map, got %s".formatted(path, describe(value)));
                    return;
                }
                value.fields()
                        .forEachRemaining(entry -> validateType(
                                path + "." + entry.getKey(), type.path("element"), entry.getValue(), problems));
            }
            case "tag" -> {
                if (!value.isObject() || !value.has("Key") || !value.has("Value")) {
                    problems.add("%s: expected a tag {Key, Value}, got %s".formatted(path, describe(value)));
                }
            }
            case "ref" -> {
                var definition =
                        typeDefinitions.get(type.path("reference").path("$ref").asText());
                if (definition == null) {
                    problems.add("%s: the schema names an unknown type %s".formatted(path, type.path("reference")));
                    return;
                }
                validateProperties(path, definition.path("properties"), value, problems);
            }
            case "union" -> {
                for (var alternative : type.path("types")) {
                    var errors = new ArrayList<String>();
                    validateType(path, alternative, value, errors);
                    if (errors.isEmpty()) {
                        return;
                    }
                }
                problems.add("%s: %s matches none of %s".formatted(path, describe(value), type.path("types")));
            }
            default -> problems.add("%s: the schema has a type this check does not know: %s".formatted(path, type));
        }
    }

    private static void requirePrimitive(
            String path, JsonNode value, boolean valid, String expected, List<String> problems) {
        if (!valid) {
            problems.add("%s: expected %s, got %s".formatted(path, expected, describe(value)));
        }
    }

    /** {@code {"Ref": ...}} or {@code {"Fn::...": ...}}: computed by CloudFormation, not checked here. */
    private static boolean isIntrinsic(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        var key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static boolean contains(JsonNode values, String value) {
        for (var allowed : values) {
            if (allowed.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode declared) {
        var names = new ArrayList<String>();
        declared.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static String describe(JsonNode value) {
        var text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
