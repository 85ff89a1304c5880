package dev.lakepipe.metrics;

/**
 * Where metrics go: CloudWatch on AWS, the local metrics file here ({@link LocalMetricsFile}). An implementation
 * refuses what CloudWatch refuses ({@link PutMetricData}) and throws when the data was not stored.
 */
public interface MetricsPublisher {

    /** The namespace of lakepipe's own metrics; the IAM grant is scoped to it ({@code cloudwatch:namespace}). */
    String NAMESPACE = "Lakepipe";

    /** The IAM action, and the only condition key it can be scoped with. */
    String ACTION = "cloudwatch:PutMetricData";

    String NAMESPACE_CONDITION_KEY = "cloudwatch:namespace";

    void publish(PutMetricData request);
}
