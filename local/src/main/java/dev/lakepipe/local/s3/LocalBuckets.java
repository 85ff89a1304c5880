package dev.lakepipe.local.s3;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.net.URI;
import java.nio.file.Path;

/** Maps bucket URIs to the local folder: {@code s3://<bucket>/<key>} is {@code <root>/<bucket>/<key>}. */
public record LocalBuckets(Path root) {

    public LocalBuckets {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
    }

    /** {@code s3://bucket/key} under the root, or a {@code file:} URI as it is. */
    public Path resolve(String uri) {
        URI parsed = URI.create(uri);
        if ("file".equals(parsed.getScheme())) {
            return Path.of(parsed);
        }
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new LakepipeException("Invalid bucket URI: %s; expected s3://<bucket>/<key> or file:///<path>", uri);
        }
        Path path = root.resolve(parsed.getHost())
                .resolve(parsed.getPath().replaceFirst("^/", ""))
                .normalize();
        if (!path.startsWith(root)) {
            throw new LakepipeException("Invalid bucket URI: %s; the key leaves the local bucket folder", uri);
        }
        return path;
    }

    /** The {@code file://} URI of a bucket: what the runtime snapshot gives the local steps. */
    public String bucketUri(String bucket) {
        return root.resolve(bucket).toUri().toString().replaceFirst("/$", "");
    }
}
