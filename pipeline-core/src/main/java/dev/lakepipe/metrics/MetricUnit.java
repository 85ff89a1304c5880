package dev.lakepipe.metrics;

/** The CloudWatch units lakepipe publishes in (a subset of {@code StandardUnit}), with CloudWatch's spelling. */
public enum MetricUnit {
    SECONDS("Seconds"),
    BYTES("Bytes"),
    COUNT("Count");

    private final String cloudWatchName;

    MetricUnit(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }

    public static MetricUnit fromCloudWatchName(String name) {
        for (var unit : values()) {
            if (unit.cloudWatchName.equals(name)) {
                return unit;
            }
        }
        throw new IllegalArgumentException(
                "Invalid metric unit: '%s'; expected Seconds, Bytes or Count".formatted(name));
    }
}
