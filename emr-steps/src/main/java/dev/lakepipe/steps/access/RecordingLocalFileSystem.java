package dev.lakepipe.steps.access;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.AccessLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local bucket tree as the step's S3 client sees it: Hadoop's local file system that records, per operation on
 * {@code $LAKEPIPE_HOME/s3/<bucket>/<key>}, the S3 requests S3A would send ({@link S3Requests}) in the step's
 * {@link AccessLog}. The local EMR registers it for {@code file:} ({@code spark.hadoop.fs.file.impl}) when it hands
 * the step an access log; the bucket folder comes from {@value AccessLog#BUCKETS_PROPERTY}.
 */
public class RecordingLocalFileSystem extends LocalFileSystem {

    private S3Requests requests;

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        var root = System.getProperty(AccessLog.BUCKETS_PROPERTY, conf.get(AccessLog.BUCKETS_PROPERTY));
        if (root == null || root.isBlank()) {
            throw new LakepipeException(
                    "Invalid step settings: %s is registered for file: but %s is not set; the local EMR sets both",
                    getClass().getName(), AccessLog.BUCKETS_PROPERTY);
        }
        requests = new S3Requests(Paths.get(root), AccessLog.process());
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        requests.read(local(f));
        return super.open(f, bufferSize);
    }

    @Override
    public FSDataOutputStream create(
            Path f,
            FsPermission permission,
            boolean overwrite,
            int bufferSize,
            short replication,
            long blockSize,
            Progressable progress)
            throws IOException {
        requests.write(local(f));
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream createNonRecursive(
            Path f,
            FsPermission permission,
            EnumSet<CreateFlag> flags,
            int bufferSize,
            short replication,
            long blockSize,
            Progressable progress)
            throws IOException {
        requests.write(local(f));
        return super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        requests.rename(local(src), local(dst));
        return super.rename(src, dst);
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        requests.delete(local(f));
        return super.delete(f, recursive);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        requests.mkdirs(local(f));
        return super.mkdirs(f, permission);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        requests.probe(local(f));
        return super.getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        requests.list(local(f));
        return super.listStatus(f);
    }

    @Override
    public RemoteIterator<LocatedFileStatus> listLocatedStatus(Path f) throws IOException {
        requests.list(local(f));
        return super.listLocatedStatus(f);
    }

    @Override
    public RemoteIterator<FileStatus> listStatusIterator(Path p) throws IOException {
        requests.list(local(p));
        return super.listStatusIterator(p);
    }

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // Hadoop's Path is this file's Path
    private java.nio.file.Path local(Path f) {
        return pathToFile(makeQualified(f)).toPath();
    }
}
