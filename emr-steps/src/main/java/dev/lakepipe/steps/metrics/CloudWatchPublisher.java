package dev.lakepipe.steps.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.PutMetricData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * CloudWatch {@code PutMetricData} in the query protocol, signed with SigV4 as the instance profile (the SDK's
 * CloudWatch client is not in the Maven mirror at the SDK version the steps use). The regional endpoint resolves to
 * the VPC's {@code monitoring} interface endpoint through its private DNS. The request is checked first as CloudWatch
 * checks it, so a refusal names the culprit.
 */
final class CloudWatchPublisher implements MetricsPublisher {

    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.create();
    private final String region =
            new DefaultAwsRegionProviderChain().getRegion().id();
    private final Clock clock;

    CloudWatchPublisher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void publish(PutMetricData request) {
        request.requireAcceptedAt(clock.instant());
        var body = request.formBody().getBytes(UTF_8);
        var unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("https://monitoring." + region + ".amazonaws.com/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        try {
            var signed = AwsV4HttpSigner.create()
                    .sign(sign -> sign.request(unsigned)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .identity(credentials.resolveCredentials())
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "monitoring")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            var response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(() -> new ByteArrayInputStream(body))
                            .build())
                    .call();
            if (!response.httpResponse().isSuccessful()) {
                throw new LakepipeException(
                        "CloudWatch refused PutMetricData to %s (HTTP %d): %s",
                        request.namespace(),
                        response.httpResponse().statusCode(),
                        response.responseBody().map(CloudWatchPublisher::text).orElse(""));
            }
        } catch (IOException | SdkException e) {
            throw new LakepipeException(
                    e, "Failed to publish metrics to CloudWatch namespace %s in %s", request.namespace(), region);
        }
    }

    private static String text(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), UTF_8);
        } catch (IOException e) {
            return "(response body unreadable: " + e.getMessage() + ")";
        }
    }
}
