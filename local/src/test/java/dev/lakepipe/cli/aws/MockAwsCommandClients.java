package dev.lakepipe.cli.aws;

import static org.mockito.Mockito.mock;

import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Mocked AWS clients (SSM, EventBridge, S3, STS and CloudFormation have no local counterpart); records the region asked for. */
final class MockAwsCommandClients implements AwsCommandClients {
    final SsmClient ssm = mock(SsmClient.class);
    final EventBridgeClient eventBridge = mock(EventBridgeClient.class);
    final S3Client s3 = mock(S3Client.class);
    final StsClient sts = mock(StsClient.class);
    final CloudFormationClient cloudFormation = mock(CloudFormationClient.class);
    Optional<String> region;
    boolean closed;

    AwsCommandClients.Factory factory() {
        return requested -> {
            region = requested;
            return this;
        };
    }

    @Override
    public SsmClient ssm() {
        return ssm;
    }

    @Override
    public EventBridgeClient eventBridge() {
        return eventBridge;
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public StsClient sts() {
        return sts;
    }

    @Override
    public CloudFormationClient cloudFormation() {
        return cloudFormation;
    }

    @Override
    public void close() {
        closed = true;
    }
}
