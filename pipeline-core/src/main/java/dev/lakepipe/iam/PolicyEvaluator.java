package dev.lakepipe.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IAM's evaluation of a same-account request: an explicit Deny in the identity or the resource policy wins; else an
 * Allow in either allows; else it is denied. Resource-policy statements apply only when their {@code Principal}
 * names the caller ({@code *}, {@code {"AWS": "*"}} or the caller's ARN, or {@code {"Service": name}} for a service
 * calling as itself, e.g. CloudWatch alarms publishing to a topic as {@code cloudwatch.amazonaws.com}); a service
 * principal never matches a role.
 * Permissions boundaries, SCPs and session policies are not modelled: the stack defines none.
 */
public final class PolicyEvaluator {

    /** Always in the request context: the caller's ARN. */
    static final String PRINCIPAL_ARN = "aws:PrincipalArn";

    private PolicyEvaluator() {}

    public static Decision evaluate(
            AccessRequest request, List<PolicyStatement> identity, List<PolicyStatement> resource) {
        if (!request.context().containsKey(PRINCIPAL_ARN)) {
            var context = new LinkedHashMap<>(request.context());
            context.put(PRINCIPAL_ARN, List.of(request.principalArn()));
            request = new AccessRequest(request.action(), request.resource(), request.principalArn(), context);
        }
        for (var statement : identity) {
            if (statement.effect() == Effect.DENY && applies(statement, request)) {
                return new Decision.ExplicitDeny(statement);
            }
        }
        for (var statement : resource) {
            if (statement.effect() == Effect.DENY
                    && principalMatches(statement, request)
                    && applies(statement, request)) {
                return new Decision.ExplicitDeny(statement);
            }
        }
        for (var statement : identity) {
            if (statement.effect() == Effect.ALLOW && applies(statement, request)) {
                return new Decision.Allowed(statement);
            }
        }
        for (var statement : resource) {
            if (statement.effect() == Effect.ALLOW
                    && principalMatches(statement, request)
                    && applies(statement, request)) {
                return new Decision.Allowed(statement);
            }
        }
        return new Decision.ImplicitDeny();
    }

    private static boolean applies(PolicyStatement statement, AccessRequest request) {
        return statement.covers(request) && Conditions.hold(statement.conditions(), request.context());
    }

    private static boolean principalMatches(PolicyStatement statement, AccessRequest request) {
        return statement
                .principal()
                .map(principal -> principalMatches(principal, request.principalArn()))
                .orElse(false);
    }

    private static boolean principalMatches(JsonNode principal, String arn) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return names(principal.path("AWS"), arn, true) || names(principal.path("Service"), arn, false);
    }

    /** Whether a {@code Principal} element's value ({@code AWS} or {@code Service}: one name or a list) names the caller. */
    private static boolean names(JsonNode values, String caller, boolean wildcard) {
        if (values.isMissingNode()) {
            return false;
        }
        Iterable<JsonNode> all = values.isArray() ? values : List.of(values);
        for (var value : all) {
            if ((wildcard && value.asText().equals("*")) || value.asText().equals(caller)) {
                return true;
            }
        }
        return false;
    }
}
