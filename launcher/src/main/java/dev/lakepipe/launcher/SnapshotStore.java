package dev.lakepipe.launcher;

import java.net.URI;

/**
 * Writes the runtime config snapshot to {@code <artifacts>/runtime/<identifier>/<execution>.json}:
 * S3 on AWS ({@link S3SnapshotStore}), the local artifacts folder here ({@link FileSnapshotStore}).
 */
public interface SnapshotStore {

    void write(URI location, String snapshotJson);
}
