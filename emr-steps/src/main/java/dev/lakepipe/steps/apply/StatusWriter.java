package dev.lakepipe.steps.apply;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes {@code <statusDir>/<schema.table>.json} atomically (temp file, then rename), on S3 or locally. */
public final class StatusWriter {

    private final Configuration hadoopConf;
    private final String statusDir;

    public StatusWriter(Configuration hadoopConf, String statusDir) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
        this.statusDir = requireNonNull(statusDir, "statusDir is null");
    }

    public Path write(ApplyStatus status) {
        var target = new Path(statusDir, status.table() + ".json");
        var temp = new Path(statusDir, "." + status.table() + ".json.tmp");
        try {
            var fs = target.getFileSystem(hadoopConf);
            try (var out = fs.create(temp, true)) {
                out.write(status.toJson().getBytes(UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("rename returned false");
            }
            return target;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write apply status of %s to %s", status.table(), target);
        }
    }
}
