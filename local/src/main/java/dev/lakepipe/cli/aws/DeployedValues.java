package dev.lakepipe.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** Reads the values the CDK app wrote to SSM, with errors that say which stack to deploy. */
final class DeployedValues {
    private final AwsCommandClients clients;

    DeployedValues(AwsCommandClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
    }

    String read(String parameterName, String action) {
        try {
            return clients.ssm()
                    .getParameter(
                            GetParameterRequest.builder().name(parameterName).build())
                    .parameter()
                    .value();
        } catch (ParameterNotFoundException e) {
            throw new LakepipeException(
                    e,
                    "Cannot %s: SSM parameter %s does not exist; deploy the stack for this use case first (make deploy USE_CASE=...), and check --use-case and --region",
                    action,
                    parameterName);
        } catch (SdkClientException e) {
            throw new LakepipeException(
                    e,
                    "Cannot %s: %s; configure them with `aws configure`, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION, then retry",
                    action,
                    AwsErrors.clientCause(e));
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to read SSM parameter %s: %s", parameterName, e.getMessage());
        }
    }
}
