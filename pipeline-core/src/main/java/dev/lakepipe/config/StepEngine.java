package dev.lakepipe.config;

import java.util.Locale;

/**
 * What applies changes to a table's silver Hudi table ({@code engine} of a system step); default {@link #SPARK}.
 * {@link #DELTASTREAMER} uses Hudi's HoodieStreamer, available on EMR only.
 */
public enum StepEngine {
    SPARK,
    DELTASTREAMER;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
