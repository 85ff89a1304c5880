package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.asl.ChoiceRule.And;
import dev.lakepipe.asl.ChoiceRule.Comparison;
import dev.lakepipe.asl.ChoiceRule.Condition;
import dev.lakepipe.asl.ChoiceRule.Not;
import dev.lakepipe.asl.ChoiceRule.Or;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates Choice conditions. A type mismatch is false, never an error; a missing Variable is
 * false for IsPresent and a States.Runtime failure for every other operator.
 */
final class ChoiceEvaluator {

    static final Set<String> TYPE_TESTS =
            Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
    static final Set<String> COMPARISONS =
            Set.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals");
    static final Set<String> KINDS = Set.of("String", "Numeric", "Timestamp");

    private ChoiceEvaluator() {}

    /** Whether {@code operator} (e.g. {@code NumericLessThanPath}) is a known data-test operator. */
    static boolean isOperator(String operator) {
        if (TYPE_TESTS.contains(operator) || operator.equals("StringMatches")) {
            return true;
        }
        String base = operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
        if (base.equals("BooleanEquals")) {
            return true;
        }
        return KINDS.stream()
                .anyMatch(kind -> base.startsWith(kind) && COMPARISONS.contains(base.substring(kind.length())));
    }

    static boolean evaluate(Condition condition, JsonNode input, JsonNode context) {
        if (condition instanceof And and) {
            return and.conditions().stream().allMatch(each -> evaluate(each, input, context));
        }
        if (condition instanceof Or or) {
            return or.conditions().stream().anyMatch(each -> evaluate(each, input, context));
        }
        if (condition instanceof Not not) {
            return !evaluate(not.condition(), input, context);
        }
        return compare((Comparison) condition, input, context);
    }

    private static boolean compare(Comparison comparison, JsonNode input, JsonNode context) {
        String operator = comparison.operator();
        Optional<JsonNode> found = JsonPaths.find(comparison.variable(), input, context);
        if (operator.equals("IsPresent")) {
            return found.isPresent() == comparison.operand().booleanValue();
        }
        JsonNode value = found.orElseThrow(() -> StatesFailure.runtime(
                "Invalid path '%s': The choice state's condition path references an undefined value.",
                comparison.variable()));
        if (TYPE_TESTS.contains(operator)) {
            return typeTest(operator, value) == comparison.operand().booleanValue();
        }
        if (operator.equals("StringMatches")) {
            return value.isTextual()
                    && matchesPattern(value.textValue(), comparison.operand().textValue());
        }
        JsonNode operand = comparison.operand();
        if (operator.endsWith("Path")) {
            operator = operator.substring(0, operator.length() - 4);
            operand = JsonPaths.read(operand.textValue(), input, context);
        }
        if (operator.equals("BooleanEquals")) {
            return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
        }
        Integer order = order(operator, value, operand);
        if (order == null) {
            return false;
        }
        String relation = operator.replaceFirst("^(Numeric|String|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> throw new IllegalStateException("Unknown Choice operator " + comparison.operator());
        };
    }

    /** Compares value with operand as the operator's kind, or null when either has the wrong type. */
    private static Integer order(String operator, JsonNode value, JsonNode operand) {
        if (operator.startsWith("Numeric")) {
            return value.isNumber() && operand.isNumber()
                    ? Integer.valueOf(value.decimalValue().compareTo(operand.decimalValue()))
                    : null;
        }
        if (!value.isTextual() || !operand.isTextual()) {
            return null;
        }
        if (operator.startsWith("String")) {
            return Integer.signum(value.textValue().compareTo(operand.textValue()));
        }
        Optional<OffsetDateTime> left = Timestamps.parse(value.textValue());
        Optional<OffsetDateTime> right = Timestamps.parse(operand.textValue());
        return left.isPresent() && right.isPresent()
                ? Integer.valueOf(left.get().toInstant().compareTo(right.get().toInstant()))
                : null;
    }

    private static boolean typeTest(String operator, JsonNode value) {
        return switch (operator) {
            case "IsNull" -> value.isNull();
            case "IsNumeric" -> value.isNumber();
            case "IsString" -> value.isTextual();
            case "IsBoolean" -> value.isBoolean();
            case "IsTimestamp" ->
                value.isTextual() && Timestamps.parse(value.textValue()).isPresent();
            default -> throw new IllegalStateException("Unknown type test " + operator);
        };
    }

    /** {@code *} matches any run of characters; {@code \*} and {@code \\} are a literal star and backslash. */
    static boolean matchesPattern(String text, String pattern) {
        var regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw StatesFailure.runtime(
                            "Invalid StringMatches pattern '%s': open backslash at the end", pattern);
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
