package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes snapshots to {@code s3://bucket/key} with server-side encryption. */
public final class S3SnapshotStore implements SnapshotStore {

    private final S3Client s3;

    public S3SnapshotStore(S3Client s3) {
        this.s3 = requireNonNull(s3, "s3 is null");
    }

    @Override
    public void write(URI location, String snapshotJson) {
        if (!"s3".equals(location.getScheme()) || location.getHost() == null) {
            throw new LakepipeException(
                    "Invalid snapshot location: %s; expected s3://<artifacts bucket>/runtime/...", location);
        }
        String key = location.getPath().replaceFirst("^/", "");
        try {
            s3.putObject(
                    request -> request.bucket(location.getHost())
                            .key(key)
                            .contentType("application/json")
                            .serverSideEncryption("AES256"),
                    RequestBody.fromString(snapshotJson));
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to write runtime config snapshot %s", location);
        }
    }
}
