package dev.lakepipe.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The {@code Condition} block of a statement, evaluated as IAM does: every operator and every key must hold; a
 * key's policy values are alternatives; a key missing from the request makes a negated operator ({@code ...Not...})
 * and {@code ForAllValues:} true, {@code ...IfExists} true, and everything else false. An operator this evaluator
 * does not know fails loudly rather than guessing.
 */
final class Conditions {

    private Conditions() {}

    static boolean hold(JsonNode conditions, Map<String, List<String>> context) {
        if (conditions == null || conditions.isMissingNode() || conditions.isNull()) {
            return true;
        }
        var fields = conditions.fields();
        while (fields.hasNext()) {
            var operator = fields.next();
            var keys = operator.getValue().fields();
            while (keys.hasNext()) {
                var key = keys.next();
                if (!holds(operator.getKey(), requestValues(context, key.getKey()), strings(key.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, List<String> requestValues, List<String> policyValues) {
        var name = operator;
        var set = "";
        if (name.startsWith("ForAllValues:") || name.startsWith("ForAnyValue:")) {
            set = name.substring(0, name.indexOf(':'));
            name = name.substring(name.indexOf(':') + 1);
        }
        var ifExists = name.endsWith("IfExists");
        if (ifExists) {
            name = name.substring(0, name.length() - "IfExists".length());
        }
        var negated = name.contains("Not");
        var test = test(operator, negated ? name.replace("Not", "") : name);
        BiPredicate<String, List<String>> one = (value, candidates) -> negated
                ? candidates.stream().noneMatch(candidate -> test.test(value, candidate))
                : candidates.stream().anyMatch(candidate -> test.test(value, candidate));
        if (requestValues.isEmpty()) {
            return ifExists || set.equals("ForAllValues") || (negated && !set.equals("ForAnyValue"));
        }
        if (set.equals("ForAllValues")) {
            return requestValues.stream().allMatch(value -> one.test(value, policyValues));
        }
        return requestValues.stream().anyMatch(value -> one.test(value, policyValues));
    }

    /** The positive test of an operator: request value vs one policy value. */
    private static BiPredicate<String, String> test(String operator, String positive) {
        return switch (positive) {
            case "StringEquals" -> String::equals;
            case "StringEqualsIgnoreCase" -> String::equalsIgnoreCase;
            case "StringLike" -> (value, pattern) -> Wildcards.matches(pattern, value, false);
            case "ArnEquals", "ArnLike" -> (value, pattern) -> Wildcards.matches(pattern, value, false);
            case "Bool" ->
                (value, expected) -> value.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
            case "NumericEquals" -> (value, bound) -> number(value) == number(bound);
            case "NumericLessThan" -> (value, bound) -> number(value) < number(bound);
            case "NumericLessThanEquals" -> (value, bound) -> number(value) <= number(bound);
            case "NumericGreaterThan" -> (value, bound) -> number(value) > number(bound);
            case "NumericGreaterThanEquals" -> (value, bound) -> number(value) >= number(bound);
            default ->
                throw new LakepipeException(
                        "Unsupported condition operator %s; add it to dev.lakepipe.iam.Conditions with AWS's semantics",
                        operator);
        };
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new LakepipeException("Invalid numeric condition value '%s'", value);
        }
    }

    /** Condition keys are case-insensitive. */
    private static List<String> requestValues(Map<String, List<String>> context, String key) {
        for (var entry : context.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    private static List<String> strings(JsonNode node) {
        var values = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
