package dev.lakepipe.deploy;

import java.util.Locale;

/**
 * The five buckets of a deployment, named {@code <prefix>-<suffix>} on AWS ({@code <prefix>} defaults to
 * {@code lakepipe-<use case>-<account>}) and locally ({@code lakepipe-bronze}).
 */
public enum LakeBucket {
    BRONZE,
    SILVER,
    GOLD,
    ARTIFACTS,
    LOGS;

    /** The prefix of the local buckets ({@code $LAKEPIPE_HOME/s3/lakepipe-bronze}, ...). */
    public static final String LOCAL_PREFIX = "lakepipe";

    /** {@code bronze}, {@code silver}, ... */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String nameWith(String prefix) {
        return prefix + "-" + suffix();
    }

    /** The local bucket, e.g. {@code lakepipe-bronze}. */
    public String localName() {
        return nameWith(LOCAL_PREFIX);
    }
}
