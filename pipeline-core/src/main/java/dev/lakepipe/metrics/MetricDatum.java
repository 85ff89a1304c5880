package dev.lakepipe.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One data point, checked as {@code PutMetricData} checks it: a name of 1 to 255 characters, at most 30 dimensions with
 * distinct names, and a finite value that is 0 or has a magnitude between 2^-360 and 2^360.
 */
public record MetricDatum(String name, List<Dimension> dimensions, double value, MetricUnit unit, Instant timestamp) {

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DIMENSIONS = 30;
    private static final double LARGEST = Math.scalb(1.0, 360);
    private static final double SMALLEST = Math.scalb(1.0, -360);

    public MetricDatum {
        requireNonNull(name, "name is null");
        dimensions = List.copyOf(dimensions);
        requireNonNull(unit, "unit is null");
        requireNonNull(timestamp, "timestamp is null");
        CloudWatchText.check("metric name", name, MAX_NAME_LENGTH);
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("Invalid metric %s: %d dimensions; CloudWatch takes at most %d"
                    .formatted(name, dimensions.size(), MAX_DIMENSIONS));
        }
        var names = new HashSet<String>();
        for (var dimension : dimensions) {
            if (!names.add(dimension.name())) {
                throw new IllegalArgumentException(
                        "Invalid metric %s: dimension %s twice".formatted(name, dimension.name()));
            }
        }
        var magnitude = Math.abs(value);
        if (!Double.isFinite(value) || magnitude > LARGEST || (magnitude != 0 && magnitude < SMALLEST)) {
            throw new IllegalArgumentException(
                    "Invalid value of metric %s: %s; CloudWatch takes finite values, 0 or of magnitude 2^-360 to 2^360"
                            .formatted(name, value));
        }
    }

    /** The dimension's value, when the datum has it. */
    public Optional<String> dimension(String dimensionName) {
        return dimensions.stream()
                .filter(dimension -> dimension.name().equals(dimensionName))
                .map(Dimension::value)
                .findFirst();
    }
}
