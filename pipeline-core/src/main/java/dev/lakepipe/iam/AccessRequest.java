package dev.lakepipe.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One request as IAM evaluates it: the action, the resource ARN, the calling principal's ARN and the request
 * context ({@code aws:SourceVpce}, {@code s3:prefix} ...; a key may carry several values, e.g. {@code aws:CalledVia}).
 */
public record AccessRequest(String action, String resource, String principalArn, Map<String, List<String>> context) {

    public AccessRequest {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(principalArn, "principalArn is null");
        context = Map.copyOf(context);
    }
}
