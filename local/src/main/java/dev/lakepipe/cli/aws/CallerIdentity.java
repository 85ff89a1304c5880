package dev.lakepipe.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/** Who the AWS credentials belong to; {@code make deploy} asks first, so it fails before any work without credentials. */
public final class CallerIdentity {
    private final AwsCommandClients clients;

    public CallerIdentity(AwsCommandClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
    }

    /** @return {@code account arn} of the caller */
    public String describe() {
        try {
            var identity = clients.sts()
                    .getCallerIdentity(GetCallerIdentityRequest.builder().build());
            return "account %s, %s".formatted(identity.account(), identity.arn());
        } catch (SdkClientException e) {
            throw new LakepipeException(
                    e,
                    "Cannot reach AWS: %s; configure them with `aws configure`, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION, then retry",
                    AwsErrors.clientCause(e));
        } catch (SdkException e) {
            throw new LakepipeException(
                    e, "Failed to check the AWS credentials (sts:GetCallerIdentity): %s", e.getMessage());
        }
    }
}
