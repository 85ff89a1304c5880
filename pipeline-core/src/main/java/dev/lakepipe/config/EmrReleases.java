package dev.lakepipe.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The EMR releases the steps can run on, and the shape of an EC2 instance type. The steps are built against the Hudi
 * 0.15 and Spark 3.5 of the root pom and take Hudi from the bundle the release installs (plan.HudiOnEmr), so a release
 * with another Hudi would fail at the first Hudi write on AWS while the local EMR, which runs the pom's versions, passes.
 * Source: the EMR Release Guide's "Hudi release history" (7.3.0 to 7.10.0 ship 0.15.0-amzn-N; 7.11.0 ships 1.0.2).
 */
public final class EmrReleases {

    public static final String HUDI_LINE = "0.15";
    public static final List<String> SUPPORTED = List.of(
            "emr-7.3.0", "emr-7.4.0", "emr-7.5.0", "emr-7.6.0", "emr-7.7.0", "emr-7.8.0", "emr-7.9.0", "emr-7.10.0");

    /** EC2's family.size, e.g. m5.xlarge, r6gd.16xlarge, m7i.metal-24xl; not a list of offered types (it varies by region). */
    private static final Pattern INSTANCE_TYPE =
            Pattern.compile("[a-z][a-z0-9-]*\\.(nano|micro|small|medium|large|\\d*xlarge|metal|metal-\\d+xl)");

    private EmrReleases() {}

    public static boolean supports(String releaseLabel) {
        return SUPPORTED.contains(releaseLabel);
    }

    public static String whyNot(String releaseLabel) {
        return "is '" + releaseLabel + "', which does not ship Hudi " + HUDI_LINE
                + ", the Hudi the steps are built against and" + " take from the release's bundle; use one of "
                + String.join(", ", SUPPORTED) + " (e.g. emr-7.5.0)";
    }

    public static boolean isInstanceType(String value) {
        return INSTANCE_TYPE.matcher(value).matches();
    }
}
