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

    private final Clock clock;
    /** The region, credentials and HTTP client, resolved at the first publish: a failure there is a failed publish. */
    private Client client;

    CloudWatchPublisher(Clock clock) {
        this.clock = clock;
    }

    /** Where and as whom to publish: the node's region (instance metadata on EMR) and instance profile. */
    private record Client(String region, DefaultCredentialsProvider credentials, SdkHttpClient http) {
        static Client resolve() {
            return new Client(
                    new DefaultAwsRegionProviderChain().getRegion().id(),
                    DefaultCredentialsProvider.create(),
                    UrlConnectionHttpClient.create());
        }
    }

    @Override
    public void publish(PutMetricData request) {
        request.requireAcceptedAt(clock.instant());
        var body = request.formBody().getBytes(UTF_8);
        var region = "a region not yet resolved";
        try {
            var resolved = client();
            region = resolved.region();
            var unsigned = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(URI.create("https://monitoring." + resolved.region() + ".amazonaws.com/"))
                    .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .build();
            var signed = AwsV4HttpSigner.create()
                    .sign(sign -> sign.request(unsigned)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .identity(resolved.credentials().resolveCredentials())
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "monitoring")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, resolved.region()));
            var response = resolved.http()
                    .prepareRequest(HttpExecuteRequest.builder()
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
        } catch (IOException | SdkException | LinkageError e) {
            // LinkageError: EMR's own AWS SDK comes first on the node's classpath, and a class of ours it lacks or has
            // in another shape must cost this publish (logged by the caller), not the table's apply.
            throw new LakepipeException(
                    e, "Failed to publish metrics to CloudWatch namespace %s in %s", request.namespace(), region);
        }
    }

    private synchronized Client client() {
        if (client == null) {
            client = Client.resolve();
        }
        return client;
    }

    private static String text(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), UTF_8);
        } catch (IOException e) {
            return "(response body unreadable: " + e.getMessage() + ")";
        }
    }
}
