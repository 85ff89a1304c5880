package dev.lakepipe.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.deploy.SsmParameterNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads what the EMR clusters load to the artifacts bucket named in SSM: {@code jars/emr-steps.jar}, every file
 * of the bootstrap folder under {@code bootstrap/} and every {@code .sql} file of the SQL folder under {@code sql/},
 * the one folder of the bucket the gold role reads SQL steps' files from.
 */
public final class ArtifactUploader {
    static final String JAR_KEY = "jars/emr-steps.jar";
    static final String BOOTSTRAP_PREFIX = "bootstrap/";
    static final String SQL_PREFIX = "sql/";

    private final AwsCommandClients clients;
    private final DeployedValues values;

    public ArtifactUploader(AwsCommandClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
        this.values = new DeployedValues(clients);
    }

    /**
     * @param sqlDir the SQL steps' files, none when empty
     * @return the {@code s3://} URIs written, in upload order
     */
    public List<String> upload(SsmParameterNames names, Path emrStepsJar, Path bootstrapDir, Optional<Path> sqlDir) {
        requireFile(emrStepsJar, "the emr-steps jar; run `make build` first");
        requireFolder(bootstrapDir, "bootstrap", "state-machines/bootstrap");
        sqlDir.ifPresent(dir ->
                requireFolder(dir, "SQL", "the folder of the SQL steps' files, pipeline-configs/sql by default"));
        var bucket = values.read(names.artifactsBucket(), "upload the artifacts");
        var uploaded = new ArrayList<String>();
        uploaded.add(put(bucket, JAR_KEY, emrStepsJar));
        for (var script : files(bootstrapDir, file -> true)) {
            uploaded.add(put(bucket, BOOTSTRAP_PREFIX + script.getFileName(), script));
        }
        for (var sql : sqlDir.map(
                        dir -> files(dir, file -> file.getFileName().toString().endsWith(".sql")))
                .orElse(List.of())) {
            uploaded.add(put(bucket, SQL_PREFIX + sql.getFileName(), sql));
        }
        return uploaded;
    }

    private String put(String bucket, String key, Path file) {
        try {
            clients.s3()
                    .putObject(
                            PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
            return "s3://" + bucket + "/" + key;
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to upload %s to s3://%s/%s: %s", file, bucket, key, e.getMessage());
        }
    }

    private static List<Path> files(Path dir, Predicate<Path> filter) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + dir, e);
        }
    }

    private static void requireFolder(Path dir, String what, String expected) {
        if (!Files.isDirectory(dir)) {
            throw new LakepipeException("Invalid %s folder: %s does not exist; expected %s", what, dir, expected);
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new LakepipeException("Invalid artifact: %s is missing (%s)", file, what);
        }
    }
}
