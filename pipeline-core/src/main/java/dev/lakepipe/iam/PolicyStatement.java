package dev.lakepipe.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One statement of an identity or resource policy, its values already resolved to strings. {@code principal} is
 * empty in identity policies; {@code conditions} is the raw {@code Condition} block ({@link Conditions} reads it).
 */
public record PolicyStatement(
        Optional<String> sid,
        Effect effect,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        Optional<JsonNode> principal,
        JsonNode conditions) {

    public PolicyStatement {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        requireNonNull(principal, "principal is null");
        requireNonNull(conditions, "conditions is null");
    }

    /** The statements of a policy document ({@code {"Statement": [...]}} or a single statement object). */
    public static List<PolicyStatement> parseDocument(JsonNode document) {
        var statements = document.path("Statement");
        var parsed = new ArrayList<PolicyStatement>();
        if (statements.isArray()) {
            statements.forEach(statement -> parsed.add(parse(statement)));
        } else if (statements.isObject()) {
            parsed.add(parse(statements));
        } else {
            throw new LakepipeException("Invalid policy document: no Statement in %s", document);
        }
        return parsed;
    }

    public static PolicyStatement parse(JsonNode statement) {
        var effect = switch (statement.path("Effect").asText()) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default ->
                throw new LakepipeException("Invalid policy statement: Effect must be Allow or Deny in %s", statement);
        };
        return new PolicyStatement(
                Optional.ofNullable(statement.get("Sid")).map(JsonNode::asText),
                effect,
                strings(statement.get("Action")),
                strings(statement.get("NotAction")),
                strings(statement.get("Resource")),
                strings(statement.get("NotResource")),
                Optional.ofNullable(statement.get("Principal")),
                statement.path("Condition"));
    }

    /** Whether the statement covers the request's action and resource (not its principal or conditions). */
    boolean covers(AccessRequest request) {
        var action = actions.isEmpty()
                ? notActions.stream().noneMatch(pattern -> Wildcards.matches(pattern, request.action(), true))
                : actions.stream().anyMatch(pattern -> Wildcards.matches(pattern, request.action(), true));
        if (!action) {
            return false;
        }
        return resources.isEmpty()
                ? notResources.stream().noneMatch(pattern -> Wildcards.matches(pattern, request.resource(), false))
                : resources.stream().anyMatch(pattern -> Wildcards.matches(pattern, request.resource(), false));
    }

    /** A short rendering for messages: sid (when set), effect, actions, resources, conditions. */
    public String describe() {
        var text = new StringBuilder();
        sid.ifPresent(id -> text.append(id).append(": "));
        text.append(effect == Effect.ALLOW ? "Allow " : "Deny ");
        text.append(actions.isEmpty() ? "NotAction " + notActions : actions);
        text.append(" on ").append(resources.isEmpty() ? "NotResource " + notResources : resources);
        if (!conditions.isMissingNode() && !conditions.isEmpty()) {
            text.append(" if ").append(conditions);
        }
        return text.toString();
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            var values = new ArrayList<String>();
            node.forEach(value -> values.add(text(value)));
            return values;
        }
        return List.of(text(node));
    }

    private static String text(JsonNode value) {
        if (!value.isValueNode()) {
            throw new LakepipeException(
                    "Invalid policy statement value: %s is not a string; resolve the template's functions first",
                    value);
        }
        return value.asText();
    }
}
