package dev.lakepipe.access;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * One AWS-visible access a part of the pipeline made: who ({@code principal}, in {@code step}), the IAM action
 * ({@code s3:GetObject}, {@code glue:CreateTable} ...), the resource ARN, and the request context keys the action
 * carries (e.g. {@code s3:prefix} of an {@code s3:ListBucket}).
 */
public record Access(String step, String principal, String action, String resource, Map<String, String> context) {

    public Access {
        requireNonNull(step, "step is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        context = Map.copyOf(context);
        if (action.indexOf(':') < 1) {
            throw new IllegalArgumentException(
                    "Invalid IAM action: '%s'; expected <service>:<Action>".formatted(action));
        }
    }

    /** The service prefix of the action: {@code s3}, {@code glue}, {@code secretsmanager}, {@code sns} ... */
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    /** {@code step: action resource [context]}, as a failure message names it. */
    public String describe() {
        return "%s (%s): %s %s%s"
                .formatted(step, principal, action, resource, context.isEmpty() ? "" : " " + new TreeMap<>(context));
    }
}
