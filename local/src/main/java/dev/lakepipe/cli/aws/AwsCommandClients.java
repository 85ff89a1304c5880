package dev.lakepipe.cli.aws;

import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients the {@code lakepipe aws} commands use; tests pass mocks (these APIs have no local
 * counterpart). Credentials and region come from the default chains unless a region is given.
 */
public interface AwsCommandClients extends AutoCloseable {
    SsmClient ssm();

    EventBridgeClient eventBridge();

    S3Client s3();

    StsClient sts();

    CloudFormationClient cloudFormation();

    @Override
    void close();

    /** Creates real clients for a region (or the default region chain); each is built on first use. */
    interface Factory {
        AwsCommandClients create(Optional<String> region);
    }

    Factory DEFAULT = DefaultAwsCommandClients::new;

    final class DefaultAwsCommandClients implements AwsCommandClients {
        private final Optional<Region> region;
        private SsmClient ssm;
        private EventBridgeClient eventBridge;
        private S3Client s3;
        private StsClient sts;
        private CloudFormationClient cloudFormation;

        DefaultAwsCommandClients(Optional<String> region) {
            this.region = region.map(Region::of);
        }

        @Override
        public synchronized SsmClient ssm() {
            ssm = ssm == null ? build(SsmClient.builder()) : ssm;
            return ssm;
        }

        @Override
        public synchronized EventBridgeClient eventBridge() {
            eventBridge = eventBridge == null ? build(EventBridgeClient.builder()) : eventBridge;
            return eventBridge;
        }

        @Override
        public synchronized S3Client s3() {
            s3 = s3 == null ? build(S3Client.builder()) : s3;
            return s3;
        }

        @Override
        public synchronized StsClient sts() {
            sts = sts == null ? build(StsClient.builder()) : sts;
            return sts;
        }

        @Override
        public synchronized CloudFormationClient cloudFormation() {
            cloudFormation = cloudFormation == null ? build(CloudFormationClient.builder()) : cloudFormation;
            return cloudFormation;
        }

        private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder());
            region.ifPresent(builder::region);
            return builder.build();
        }

        @Override
        public synchronized void close() {
            for (SdkAutoCloseable client : new SdkAutoCloseable[] {ssm, eventBridge, s3, sts, cloudFormation}) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }
}
