package dev.lakepipe.steps.apply;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@value #SCHEME} ({@code counted:///tmp/...} is {@code /tmp/...}), counting
 * how often each file is opened, by the driver and by Spark's tasks alike (local mode: one JVM).
 */
public final class CountingFileSystem extends RawLocalFileSystem {

    static final String SCHEME = "counted";
    private static final Map<String, AtomicInteger> OPENS = new ConcurrentHashMap<>();

    /** Registers the scheme in {@code conf}, the Spark context's Hadoop configuration that its tasks also get. */
    static void register(Configuration conf) {
        conf.set("fs." + SCHEME + ".impl", CountingFileSystem.class.getName());
    }

    /** {@code uri} ({@code file:/...}) under the counting scheme. */
    static String counted(String uri) {
        return SCHEME + "://" + URI.create(uri).getPath();
    }

    /** How often the local file {@code uri} ({@code file:/...}) was opened so far. */
    static int opens(URI uri) {
        var count = OPENS.get(uri.getPath());
        return count == null ? 0 : count.get();
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        OPENS.computeIfAbsent(f.toUri().getPath(), path -> new AtomicInteger()).incrementAndGet();
        return super.open(f, bufferSize);
    }
}
