package dev.lakepipe.steps.metrics;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.metrics.LocalMetricsFile;
import dev.lakepipe.metrics.MetricsPublisher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Where a step's metrics go, from where its buckets are: CloudWatch for {@code s3://} buckets, the local metrics file
 * for local ones ({@code file:///…/s3/<bucket>}, so {@code $LAKEPIPE_HOME/metrics}).
 */
public final class StepMetrics {

    private StepMetrics() {}

    public static MetricsPublisher forEnvironment(SnapshotEnvironment environment, Clock clock) {
        var bronze = environment.bronze();
        if (bronze.startsWith("s3://")) {
            return new CloudWatchPublisher(clock);
        }
        if (bronze.startsWith("file:")) {
            Path bucket = Path.of(URI.create(bronze));
            var buckets = bucket.getParent();
            if (buckets == null || buckets.getParent() == null) {
                throw new LakepipeException(
                        "Invalid local bronze bucket %s: expected file:///…/s3/<bucket> under the local state folder",
                        bronze);
            }
            return new LocalMetricsFile(LocalMetricsFile.directoryOf(buckets.getParent()), AccessLog.process(), clock);
        }
        throw new LakepipeException(
                "Invalid bronze bucket %s: expected s3://<bucket> or file:///…/s3/<bucket>", bronze);
    }
}
