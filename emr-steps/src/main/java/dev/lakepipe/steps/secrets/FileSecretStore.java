package dev.lakepipe.steps.secrets;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.secrets.LocalSecretsFile;
import java.nio.file.Path;

/** The local Secrets Manager: {@code $LAKEPIPE_HOME/secrets.json} = {@code {"<secret name>": {RDS secret JSON}}}. */
public final class FileSecretStore implements SecretStore {

    private final Path file;

    public FileSecretStore(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public DatabaseSecret databaseSecret(String name) {
        requireNonNull(name, "name is null");
        return DatabaseSecret.fromJson(name, LocalSecretsFile.read(file).secret(name, "add it or fix database::config.secret"));
    }
}
