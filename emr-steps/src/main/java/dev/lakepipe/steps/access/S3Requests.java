package dev.lakepipe.steps.access;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The S3 requests a file system operation on the local bucket tree ({@code <root>/<bucket>/<key>}) stands for, as
 * S3A issues them, recorded in an {@link AccessLog}: a status probe is a HEAD of the key ({@code s3:GetObject}) and,
 * for a folder or a missing key, a LIST of {@code key/} ({@code s3:ListBucket} with {@code s3:prefix}); a read is a
 * GET; a write a PUT; a folder is a {@code key/} marker object; a rename copies (GET, PUT) then deletes each object;
 * a delete deletes each object. Paths outside the root are not S3 and are not recorded.
 */
final class S3Requests {

    private final Path root;
    private final AccessLog log;

    S3Requests(Path root, AccessLog log) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.log = requireNonNull(log, "log is null");
    }

    /** getFileStatus, exists, isDirectory ... */
    void probe(Path path) {
        object(path).ifPresent(object -> {
            if (!object.key().isEmpty()) {
                get(object);
            }
            if (!Files.isRegularFile(path)) {
                list(object);
            }
        });
    }

    void list(Path folder) {
        object(folder).ifPresent(this::list);
    }

    void read(Path path) {
        object(path).ifPresent(this::get);
    }

    void write(Path path) {
        object(path).ifPresent(object -> {
            probe(path);
            put(object);
        });
    }

    void mkdirs(Path path) {
        object(path).filter(object -> !object.key().isEmpty()).ifPresent(object -> {
            probe(path);
            put(new S3Object(object.bucket(), object.key() + "/"));
        });
    }

    /** Before the delete: every object under {@code path} goes. */
    void delete(Path path) {
        object(path).ifPresent(object -> {
            probe(path);
            for (var file : files(path)) {
                object(file).ifPresent(this::delete);
            }
            if (Files.isDirectory(path) && !object.key().isEmpty()) {
                delete(new S3Object(object.bucket(), object.key() + "/"));
            }
        });
    }

    /** Before the rename: every object under {@code source} is copied to {@code target} and deleted. */
    void rename(Path source, Path target) {
        var from = object(source);
        var to = object(target);
        if (from.isEmpty() && to.isEmpty()) {
            return;
        }
        probe(source);
        probe(target);
        for (var file : files(source)) {
            object(file).ifPresent(object -> {
                get(object);
                delete(object);
            });
            object(target.resolve(source.relativize(file))).ifPresent(this::put);
        }
    }

    private List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".crc"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + path + " for the access log", e);
        }
    }

    private void get(S3Object object) {
        log.record("s3:GetObject", AwsArns.object(object.bucket(), object.key()));
    }

    private void put(S3Object object) {
        log.record("s3:PutObject", AwsArns.object(object.bucket(), object.key()));
    }

    private void delete(S3Object object) {
        log.record("s3:DeleteObject", AwsArns.object(object.bucket(), object.key()));
    }

    private void list(S3Object folder) {
        var prefix = folder.key().isEmpty() || folder.key().endsWith("/") ? folder.key() : folder.key() + "/";
        log.record("s3:ListBucket", AwsArns.bucket(folder.bucket()), Map.of("s3:prefix", prefix));
    }

    Optional<S3Object> object(Path path) {
        var normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            return Optional.empty();
        }
        var relative = root.relativize(normalized);
        var bucket = relative.getName(0).toString();
        var key = relative.getNameCount() == 1
                ? ""
                : relative.subpath(1, relative.getNameCount()).toString().replace('\\', '/');
        return Optional.of(new S3Object(bucket, key));
    }

    record S3Object(String bucket, String key) {}
}
