package dev.lakepipe.steps.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.metrics.Dimension;
import dev.lakepipe.metrics.MetricDatum;
import dev.lakepipe.metrics.MetricUnit;
import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.PutMetricData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The apply creates its metrics publisher before the table's first cycle and only warns when a publish fails: on AWS
 * the CloudWatch publisher must not resolve the region or credentials until it publishes, or a node whose instance
 * metadata does not answer would fail the apply itself (it did, in the publisher's constructor).
 */
class StepMetricsTest {

    private static final String NO_INSTANCE_METADATA = "aws.disableEc2Metadata";
    private static final Instant NOW = Instant.parse("2026-12-07T23:00:00Z");
    private static final SnapshotEnvironment AWS = new SnapshotEnvironment(
            "s3://lakepipe-bronze",
            "s3://lakepipe-silver",
            "s3://lakepipe-gold",
            "s3://lakepipe-artifacts/",
            "aws-secretsmanager",
            "glue");

    private String before;

    @BeforeEach
    void noInstanceMetadata() {
        // This machine is no EC2 instance: without the switch the SDK would wait for instance metadata to time out.
        before = System.setProperty(NO_INSTANCE_METADATA, "true");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NO_INSTANCE_METADATA);
        } else {
            System.setProperty(NO_INSTANCE_METADATA, before);
        }
    }

    @Test
    void theCloudWatchPublisherResolvesWhereAndAsWhomAtItsFirstPublishSoAFailureIsAFailedPublish() {
        var publisher = StepMetrics.forEnvironment(AWS, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(publisher).isInstanceOf(CloudWatchPublisher.class);
        assertThatThrownBy(() -> publisher.publish(new PutMetricData(
                        MetricsPublisher.NAMESPACE,
                        List.of(new MetricDatum(
                                "FreshnessSeconds",
                                List.of(new Dimension("Identifier", "tpcc")),
                                1.0,
                                MetricUnit.SECONDS,
                                NOW)))))
                .as("the apply warns on a LakepipeException and goes on")
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith("Failed to publish metrics to CloudWatch namespace Lakepipe in ");
    }
}
