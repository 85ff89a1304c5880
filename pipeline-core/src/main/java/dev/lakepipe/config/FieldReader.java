package dev.lakepipe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object leniently, the way DynamoDB hands them back: numbers and booleans may
 * be JSON numbers/booleans or strings ({@code "6"}, {@code "true"}). Every problem is recorded, never thrown,
 * and {@link #finish()} reports the fields nobody asked for as unknown, with a "did you mean".
 */
final class FieldReader {

    private final String item;
    private final String path;
    private final ObjectNode node;
    private final List<ConfigProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    FieldReader(String item, String path, ObjectNode node, List<ConfigProblem> problems) {
        this.item = item;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    String item() {
        return item;
    }

    /** Records a problem on a field of this object ({@code name} relative to it). */
    void problem(String name, String message) {
        problems.add(new ConfigProblem(item, path + name, message));
    }

    /** Declares a field as known without reading it (read by the caller through {@link #raw}). */
    Optional<JsonNode> raw(String name) {
        known.add(name);
        var value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<String> optionalString(String name) {
        return raw(name).flatMap(value -> {
            if (value.isValueNode() && !value.asText().isBlank()) {
                return Optional.of(value.asText().trim());
            }
            problem(name, "must be a non-empty string, got " + value);
            return Optional.empty();
        });
    }

    /** The string, or null after recording "is required; {@code fix}". */
    String requiredString(String name, String fix) {
        if (node.get(name) == null || node.get(name).isNull()) {
            known.add(name);
            problem(name, "is required; " + fix);
            return null;
        }
        return optionalString(name).orElse(null);
    }

    boolean bool(String name, boolean defaultValue) {
        return raw(name)
                .map(value -> {
                    if (value.isBoolean()) {
                        return value.booleanValue();
                    }
                    var text = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : "";
                    if (text.equals("true") || text.equals("false")) {
                        return Boolean.parseBoolean(text);
                    }
                    problem(
                            name,
                            "must be true or false (a JSON boolean or the string \"true\"/\"false\"), got " + value);
                    return defaultValue;
                })
                .orElse(defaultValue);
    }

    int integer(String name, int defaultValue, int min) {
        return raw(name)
                .map(value -> parseInteger(name, value, defaultValue, min))
                .orElse(defaultValue);
    }

    /** The integer, or -1 after recording "is required; {@code fix}". */
    int requiredInteger(String name, int min, String fix) {
        if (node.get(name) == null || node.get(name).isNull()) {
            known.add(name);
            problem(name, "is required; " + fix);
            return -1;
        }
        return integer(name, -1, min);
    }

    private int parseInteger(String name, JsonNode value, int defaultValue, int min) {
        Integer parsed = null;
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            parsed = value.intValue();
        } else if (value.isTextual()) {
            try {
                parsed = Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                parsed = null;
            }
        }
        if (parsed == null) {
            problem(name, "must be an integer (a JSON number or a string of digits), got " + value);
            return defaultValue;
        }
        if (parsed < min) {
            problem(name, "must be at least " + min + ", got " + parsed);
            return defaultValue;
        }
        return parsed;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        return raw(name)
                .map(value -> {
                    var text = value.asText().trim();
                    for (var constant : type.getEnumConstants()) {
                        if (constant.name().equalsIgnoreCase(text)) {
                            return constant;
                        }
                    }
                    var names = Arrays.stream(type.getEnumConstants())
                            .map(constant -> constant.toString())
                            .toList();
                    problem(name, "must be one of " + String.join(" | ", names) + ", got " + value);
                    return defaultValue;
                })
                .orElse(defaultValue);
    }

    Optional<FieldReader> object(String name) {
        return raw(name).flatMap(value -> {
            if (value instanceof ObjectNode objectNode) {
                return Optional.of(new FieldReader(item, path + name + ".", objectNode, problems));
            }
            problem(name, "must be a JSON object, got " + value);
            return Optional.empty();
        });
    }

    /** A flat object of scalars, every value read as a string ({@code 4} and {@code "4"} alike). */
    Map<String, String> stringMap(String name) {
        return object(name).map(FieldReader::asStringMap).orElse(Map.of());
    }

    Map<String, String> asStringMap() {
        var values = new LinkedHashMap<String, String>();
        node.fields().forEachRemaining(entry -> {
            known.add(entry.getKey());
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                values.put(entry.getKey(), entry.getValue().asText());
            } else {
                problem(entry.getKey(), "must be a string, number or boolean, got " + entry.getValue());
            }
        });
        return values;
    }

    /** A JSON array of strings, or a comma-separated string. */
    List<String> stringList(String name) {
        return raw(name)
                .map(value -> {
                    var values = new ArrayList<String>();
                    if (value.isTextual()) {
                        Arrays.stream(value.asText().split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .forEach(values::add);
                    } else if (value.isArray()) {
                        value.forEach(element -> {
                            if (element.isValueNode() && !element.isNull()) {
                                values.add(element.asText().trim());
                            } else {
                                problem(name, "must hold strings only, got " + element);
                            }
                        });
                    } else {
                        problem(name, "must be a list of strings or a comma-separated string, got " + value);
                    }
                    return List.copyOf(values);
                })
                .orElse(List.of());
    }

    List<String> fieldNames() {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Reports every field that no reader method asked for. */
    void finish() {
        for (var name : fieldNames()) {
            if (!known.contains(name)) {
                problem(name, "is not a known field" + Suggestions.didYouMean(name, known));
            }
        }
    }
}
