package dev.lakepipe.local.emr;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * The packages an EMR 7.x node puts on every step's classpath ahead of the application jar: EMR's
 * {@code spark.driver.extraClassPath} (spark-defaults.conf) starts with its AWS SDKs, EMRFS and Hadoop's S3 connector,
 * and the driver's class loader asks that classpath first. A class of these packages bundled in {@code emr-steps.jar}
 * is never the one that runs on EMR: EMR's copy, another version, loads instead, next to the rest of ours. The local
 * EMR has none of these jars, so it refuses such a jar instead of running our copy where EMR would not.
 */
final class EmrOwnedPackages {

    /** Each package (a jar entry prefix) and where an EMR node has it. */
    static final Map<String, String> OWNERS = Map.of(
            "software/amazon/awssdk/",
                    "/usr/share/aws/aws-java-sdk-v2/* (the AWS SDK for Java v2; 2.28.8 on emr-7.5.0)",
            "software/amazon/eventstream/",
                    "/usr/share/aws/aws-java-sdk-v2/* (the AWS SDK for Java v2's event streams)",
            "com/amazonaws/", "/usr/share/aws/aws-java-sdk/* (the AWS SDK for Java v1; 1.12.772 on emr-7.5.0)",
            "com/amazon/ws/emr/hadoop/fs/", "/usr/share/aws/emr/emrfs/lib/* (EMRFS)",
            "org/apache/hadoop/", "/usr/lib/hadoop and /usr/lib/spark/jars (Hadoop)",
            "org/apache/spark/", "/usr/lib/spark/jars (Spark)");

    private EmrOwnedPackages() {}

    /** Refuses an application jar that bundles a class of a package EMR's node classpath owns, naming each and the fix. */
    static void checkNotBundled(Path applicationJar) {
        var found = new TreeMap<String, String>();
        try (var zip = new ZipFile(applicationJar.toFile())) {
            zip.stream()
                    .filter(entry -> entry.getName().endsWith(".class"))
                    .forEach(entry -> OWNERS.keySet().stream()
                            .filter(entry.getName()::startsWith)
                            .forEach(owned -> found.putIfAbsent(owned, entry.getName())));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", applicationJar);
        }
        if (!found.isEmpty()) {
            var clashes = new StringBuilder();
            found.forEach((owned, entry) ->
                    clashes.append("%n  %s (e.g. %s): EMR has it in %s".formatted(owned, entry, OWNERS.get(owned))));
            throw new LakepipeException(
                    "Cannot run steps on %s: it bundles classes of packages that an EMR node puts ahead of it on every"
                            + " step's classpath, so on EMR those classes would be EMR's, not the jar's:%s%nRelocate them in"
                            + " emr-steps' shade plugin (<relocation>, as for software.amazon.awssdk) or leave them out"
                            + " (provided scope) and use EMR's",
                    applicationJar, clashes);
        }
    }
}
