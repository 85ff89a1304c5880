package dev.lakepipe.steps.secrets;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.secrets.LocalSecretsFile;
import java.nio.file.Path;

/**
 * The local Secrets Manager: {@code $LAKEPIPE_HOME/secrets.json} = {@code {"<secret name>": {RDS secret JSON}}}.
 * Each read is a {@code secretsmanager:GetSecretValue} by name in the step's access log.
 */
public final class FileSecretStore implements SecretStore {

    private final Path file;

    public FileSecretStore(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public DatabaseSecret databaseSecret(String name) {
        requireNonNull(name, "name is null");
        AccessLog.process().record("secretsmanager:GetSecretValue", AwsArns.secret(name));
        return DatabaseSecret.fromJson(
                name, LocalSecretsFile.read(file).secret(name, "add it or fix database::config.secret"));
    }
}
