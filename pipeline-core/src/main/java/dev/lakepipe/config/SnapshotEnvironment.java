package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/**
 * Where things are for one execution (the {@code environment} of a runtime snapshot). Bucket values are
 * URIs ({@code s3://lakepipe-bronze} or {@code file:///.../s3/lakepipe-bronze}).
 *
 * @param secrets {@code aws-secretsmanager} or {@code file:///.../secrets.json}
 * @param catalog {@code glue} or {@code file:///.../catalog}
 */
public record SnapshotEnvironment(
        String bronze, String silver, String gold, String artifacts, String secrets, String catalog) {

    public SnapshotEnvironment {
        requireNonNull(bronze, "bronze is null");
        requireNonNull(silver, "silver is null");
        requireNonNull(gold, "gold is null");
        requireNonNull(artifacts, "artifacts is null");
        requireNonNull(secrets, "secrets is null");
        requireNonNull(catalog, "catalog is null");
    }

    /** The emr-steps jar every step runs: {@code <artifacts>/jars/emr-steps.jar}. */
    public String stepsJar() {
        return stripSlash(artifacts) + "/jars/emr-steps.jar";
    }

    /** Where the launcher writes the snapshot of one execution: {@code <artifacts>/runtime/<identifier>/<execution>.json}. */
    public String snapshotUri(String identifier, String executionName) {
        return stripSlash(artifacts) + "/runtime/" + identifier + "/" + executionName + ".json";
    }

    static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
