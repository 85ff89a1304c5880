package dev.lakepipe.cli.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

/** Short causes for client-side SDK failures: the SDK's credential-chain message runs to a page. */
final class AwsErrors {
    private AwsErrors() {}

    static String clientCause(SdkClientException e) {
        var message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return "no AWS credentials found (looked at system properties, environment, web identity, profile, container and instance metadata)";
        }
        if (message.startsWith("Unable to load region")) {
            return "no AWS region set (pass --region, REGION=... to make, or set AWS_REGION or a profile region)";
        }
        return message;
    }
}
