package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.asl.ChoiceRule.Condition;
import java.util.ArrayList;
import java.util.List;

/** Parses Choice rules (And/Or/Not and data-test expressions), reporting problems by rule position. */
final class ChoiceRules {

    private ChoiceRules() {}

    static Condition condition(JsonNode rule, String where, List<String> problems) {
        if (!rule.isObject()) {
            problems.add(where + ": must be a JSON object");
            return null;
        }
        if (rule.has("And") || rule.has("Or")) {
            String operator = rule.has("And") ? "And" : "Or";
            JsonNode members = rule.get(operator);
            if (!members.isArray() || members.isEmpty()) {
                problems.add(where + ": " + operator + " must be a non-empty array");
                return null;
            }
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Condition condition = nested(members.get(i), where + " " + operator + "[" + i + "]", problems);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            return operator.equals("And") ? new ChoiceRule.And(conditions) : new ChoiceRule.Or(conditions);
        }
        if (rule.has("Not")) {
            Condition condition = nested(rule.get("Not"), where + " Not", problems);
            return condition == null ? null : new ChoiceRule.Not(condition);
        }
        return comparison(rule, where, problems);
    }

    private static Condition nested(JsonNode rule, String where, List<String> problems) {
        if (rule.has("Next")) {
            problems.add(where + ": a nested rule may not have Next");
        }
        return condition(rule, where, problems);
    }

    private static Condition comparison(JsonNode rule, String where, List<String> problems) {
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isTextual()) {
            problems.add(where + ": Variable is missing (or use And, Or, Not)");
            return null;
        }
        JsonPaths.referencePathProblem(variable.textValue())
                .ifPresent(problem ->
                        problems.add(where + ": invalid Variable '" + variable.textValue() + "': " + problem));
        List<String> operators = new ArrayList<>();
        rule.fieldNames().forEachRemaining(field -> {
            if (!field.equals("Variable") && !field.equals("Next") && !field.equals("Comment")) {
                operators.add(field);
            }
        });
        if (operators.size() != 1) {
            problems.add(where + ": must have exactly one comparison operator, found " + operators);
            return null;
        }
        String operator = operators.get(0);
        JsonNode operand = rule.get(operator);
        if (!ChoiceEvaluator.isOperator(operator)) {
            problems.add(where + ": unknown comparison operator '" + operator + "'");
            return null;
        }
        if (!operandTypeOk(operator, operand)) {
            problems.add(where + ": invalid operand for " + operator + ": " + operand);
            return null;
        }
        if (operator.endsWith("Path")) {
            JsonPaths.referencePathProblem(operand.textValue())
                    .ifPresent(problem -> problems.add(
                            where + ": invalid " + operator + " '" + operand.textValue() + "': " + problem));
        }
        return new ChoiceRule.Comparison(variable.textValue(), operator, operand);
    }

    private static boolean operandTypeOk(String operator, JsonNode operand) {
        if (operator.endsWith("Path") || operator.startsWith("String")) {
            return operand.isTextual();
        }
        if (operator.startsWith("Is") || operator.equals("BooleanEquals")) {
            return operand.isBoolean();
        }
        if (operator.startsWith("Numeric")) {
            return operand.isNumber();
        }
        return operand.isTextual() && Timestamps.parse(operand.textValue()).isPresent();
    }
}
