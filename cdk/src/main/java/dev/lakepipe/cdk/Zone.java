package dev.lakepipe.cdk;

import dev.lakepipe.deploy.LakeBucket;

/** The data lake buckets, each with its own job-flow role where a zone writes data. */
public enum Zone {
    BRONZE("Bronze"),
    SILVER("Silver"),
    GOLD("Gold"),
    ARTIFACTS("Artifacts"),
    LOGS("Logs");

    private final String title;

    Zone(String title) {
        this.title = title;
    }

    /** The bucket kind whose name this zone's bucket has. */
    public LakeBucket bucket() {
        return LakeBucket.valueOf(name());
    }

    /** Capitalised name used in construct ids and placeholders, e.g. {@code Bronze}. */
    public String title() {
        return title;
    }
}
