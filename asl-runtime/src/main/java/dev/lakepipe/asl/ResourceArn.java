package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task Resource split into its parts. Optimised integrations look like
 * {@code arn:aws:states:::elasticmapreduce:createCluster.sync}, SDK integrations like
 * {@code arn:aws:states:::aws-sdk:dynamodb:getItem}; anything else (a Lambda function ARN, an activity)
 * has an empty service and action.
 */
public record ResourceArn(String resource, String service, String action, Pattern pattern) {

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // Pattern here is the integration pattern
    private static final java.util.regex.Pattern SERVICE_INTEGRATION = java.util.regex.Pattern.compile(
            "arn:[a-z-]+:states:::((?:aws-sdk:)?[a-zA-Z0-9-]+):([a-zA-Z0-9]+)(\\.sync:2|\\.sync|\\.waitForTaskToken)?");

    /** The integration pattern: how long Step Functions waits for the service. */
    public enum Pattern {
        REQUEST_RESPONSE(""),
        SYNC(".sync"),
        SYNC_2(".sync:2"),
        WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        Pattern(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public ResourceArn {
        requireNonNull(resource, "resource is null");
        requireNonNull(service, "service is null");
        requireNonNull(action, "action is null");
        requireNonNull(pattern, "pattern is null");
    }

    public static ResourceArn parse(String resource) {
        Matcher matcher = SERVICE_INTEGRATION.matcher(resource);
        if (!matcher.matches()) {
            return new ResourceArn(resource, "", "", Pattern.REQUEST_RESPONSE);
        }
        String suffix = Optional.ofNullable(matcher.group(3)).orElse("");
        Pattern pattern = switch (suffix) {
            case ".sync" -> Pattern.SYNC;
            case ".sync:2" -> Pattern.SYNC_2;
            case ".waitForTaskToken" -> Pattern.WAIT_FOR_TASK_TOKEN;
            default -> Pattern.REQUEST_RESPONSE;
        };
        return new ResourceArn(resource, matcher.group(1), matcher.group(2), pattern);
    }

    public boolean isServiceIntegration() {
        return !service.isEmpty();
    }
}
