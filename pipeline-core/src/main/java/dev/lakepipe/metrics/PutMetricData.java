package dev.lakepipe.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One {@code PutMetricData} request, checked as CloudWatch checks it: a namespace of 1 to 255 characters that starts
 * with neither {@code :} nor {@code AWS/}, 1 to 1,000 data points, and (at publishing, {@link #requireAcceptedAt})
 * time stamps from two weeks before to two hours after the call and a body of at most 1 MB.
 */
public record PutMetricData(String namespace, List<MetricDatum> data) {

    public static final int MAX_DATA = 1000;
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    static final String API_VERSION = "2010-08-01";

    public PutMetricData {
        requireNonNull(namespace, "namespace is null");
        data = List.copyOf(data);
        CloudWatchText.check("namespace", namespace, 255);
        if (namespace.startsWith(":") || namespace.startsWith("AWS/")) {
            throw new IllegalArgumentException(
                    "Invalid namespace: '%s'; it must start with neither ':' nor 'AWS/' (AWS's own namespaces)"
                            .formatted(namespace));
        }
        if (data.isEmpty() || data.size() > MAX_DATA) {
            throw new IllegalArgumentException(
                    "Invalid PutMetricData request to %s: %d data points; CloudWatch takes 1 to %d, split the batch"
                            .formatted(namespace, data.size(), MAX_DATA));
        }
    }

    /** Refuses what CloudWatch would refuse of this request sent at {@code now}: old or future time stamps, a body over 1 MB. */
    public void requireAcceptedAt(Instant now) {
        for (var datum : data) {
            if (datum.timestamp().isBefore(now.minus(MAX_AGE))
                    || datum.timestamp().isAfter(now.plus(MAX_AHEAD))) {
                throw new IllegalArgumentException(
                        "Invalid time stamp of metric %s: %s at %s; CloudWatch takes two weeks back to two hours ahead"
                                .formatted(datum.name(), datum.timestamp(), now));
            }
        }
        var size = formBody().getBytes(UTF_8).length;
        if (size > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(
                    "Invalid PutMetricData request to %s: %d bytes; CloudWatch takes at most %d, split the batch"
                            .formatted(namespace, size, MAX_BODY_BYTES));
        }
    }

    /** The request in CloudWatch's query protocol ({@code application/x-www-form-urlencoded}), as the API receives it. */
    public String formBody() {
        var body = new StringBuilder("Action=PutMetricData&Version=").append(API_VERSION);
        parameter(body, "Namespace", namespace);
        for (int i = 0; i < data.size(); i++) {
            var datum = data.get(i);
            var prefix = "MetricData.member." + (i + 1) + ".";
            parameter(body, prefix + "MetricName", datum.name());
            for (int d = 0; d < datum.dimensions().size(); d++) {
                var dimension = datum.dimensions().get(d);
                parameter(body, prefix + "Dimensions.member." + (d + 1) + ".Name", dimension.name());
                parameter(body, prefix + "Dimensions.member." + (d + 1) + ".Value", dimension.value());
            }
            parameter(body, prefix + "Value", Double.toString(datum.value()));
            parameter(body, prefix + "Unit", datum.unit().cloudWatchName());
            parameter(body, prefix + "Timestamp", datum.timestamp().toString());
        }
        return body.toString();
    }

    private static void parameter(StringBuilder body, String name, String value) {
        body.append('&').append(name).append('=').append(URLEncoder.encode(value, UTF_8));
    }
}
