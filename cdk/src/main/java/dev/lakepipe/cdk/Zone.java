package dev.lakepipe.cdk;

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

    /** Capitalised name used in construct ids and placeholders, e.g. {@code Bronze}. */
    public String title() {
        return title;
    }
}
