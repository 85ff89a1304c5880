package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector): keys ending in {@code .$} lose the
 * suffix and take the value of a path ({@code $...}), a context path ({@code $$...}) or an intrinsic
 * call; other values are literal. Walked to any depth, arrays included.
 */
final class Templates {

    private Templates() {}

    static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) {
        if (template instanceof ObjectNode object) {
            ObjectNode result = StatesJson.object();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    result.set(
                            key.substring(0, key.length() - 2),
                            dynamicValue(key, field.getValue().textValue(), input, context));
                } else {
                    result.set(key, evaluate(field.getValue(), input, context));
                }
            }
            return result;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode result = StatesJson.MAPPER.createArrayNode();
            array.forEach(element -> result.add(evaluate(element, input, context)));
            return result;
        }
        return template;
    }

    /** Evaluates the value of a {@code .$} field, a Fail ErrorPath/CausePath, etc. */
    static JsonNode dynamicValue(String field, String expression, JsonNode input, JsonNode context) {
        if (expression.startsWith("$")) {
            return JsonPaths.find(expression, input, context)
                    .orElseThrow(() -> StatesFailure.runtime(
                            "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
                            expression,
                            field,
                            StatesJson.write(JsonPaths.isContextPath(expression) ? context : input)));
        }
        return IntrinsicFunctions.evaluate(IntrinsicParser.parse(expression), input, context);
    }

    /** Problems of a template at definition time: non-string {@code .$} values, bad paths or calls, key clashes. */
    static void check(JsonNode template, String where, List<String> problems) {
        if (template instanceof ObjectNode object) {
            Set<String> keys = new HashSet<>();
            object.fields().forEachRemaining(field -> {
                String key = field.getKey();
                boolean dynamic = key.endsWith(".$");
                String plain = dynamic ? key.substring(0, key.length() - 2) : key;
                if (!keys.add(plain)) {
                    problems.add(where + ": field '" + plain + "' appears twice (once with '.$')");
                }
                if (dynamic) {
                    checkExpression(field.getValue(), where + " field '" + key + "'", problems);
                } else {
                    check(field.getValue(), where, problems);
                }
            });
        } else if (template instanceof ArrayNode array) {
            array.forEach(element -> check(element, where, problems));
        }
    }

    /** A value that must be a valid path or intrinsic call (the {@code .$} rule). */
    static void checkExpression(JsonNode value, String where, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(where + ": must be a string holding a JSONPath or an intrinsic function call, got " + value);
            return;
        }
        String expression = value.textValue();
        if (expression.startsWith("$")) {
            JsonPaths.pathProblem(expression)
                    .ifPresent(problem -> problems.add(where + ": invalid JSONPath '" + expression + "': " + problem));
            return;
        }
        try {
            IntrinsicParser.parse(expression);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": must be a valid JSONPath or a valid intrinsic function call: " + e.getMessage());
        }
    }
}
