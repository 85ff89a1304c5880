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
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads what the EMR clusters load to the artifacts bucket named in SSM:
 * {@code jars/emr-steps.jar} and every file of the bootstrap folder under {@code bootstrap/}.
 */
public final class ArtifactUploader {
    static final String JAR_KEY = "jars/emr-steps.jar";
    static final String BOOTSTRAP_PREFIX = "bootstrap/";

    private final AwsClients clients;
    private final DeployedValues values;

    public ArtifactUploader(AwsClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
        this.values = new DeployedValues(clients);
    }

    /** @return the {@code s3://} URIs written, in upload order */
    public List<String> upload(SsmParameterNames names, Path emrStepsJar, Path bootstrapDir) {
        requireFile(emrStepsJar, "the emr-steps jar; run `make build` first");
        if (!Files.isDirectory(bootstrapDir)) {
            throw new LakepipeException("Invalid bootstrap folder: %s does not exist; expected state-machines/bootstrap", bootstrapDir);
        }
        var bucket = values.read(names.artifactsBucket(), "upload the artifacts");
        var uploaded = new ArrayList<String>();
        uploaded.add(put(bucket, JAR_KEY, emrStepsJar));
        for (var script : bootstrapFiles(bootstrapDir)) {
            uploaded.add(put(bucket, BOOTSTRAP_PREFIX + script.getFileName(), script));
        }
        return uploaded;
    }

    private String put(String bucket, String key, Path file) {
        try {
            clients.s3().putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
            return "s3://" + bucket + "/" + key;
        }
        catch (SdkException e) {
            throw new LakepipeException(e, "Failed to upload %s to s3://%s/%s: %s", file, bucket, key, e.getMessage());
        }
    }

    private static List<Path> bootstrapFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + dir, e);
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new LakepipeException("Invalid artifact: %s is missing (%s)", file, what);
        }
    }
}
