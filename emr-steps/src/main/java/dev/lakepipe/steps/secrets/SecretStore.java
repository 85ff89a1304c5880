package dev.lakepipe.steps.secrets;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import java.net.URI;
import java.nio.file.Path;

/** Where database secrets come from: AWS Secrets Manager on AWS, a local JSON file here. */
public interface SecretStore {

    /** The secret called {@code name}; throws {@link LakepipeException} naming the secret when it is missing or malformed. */
    DatabaseSecret databaseSecret(String name);

    /** {@code aws-secretsmanager} or {@code file:///…/secrets.json}, as in the runtime snapshot's {@code environment.secrets}. */
    static SecretStore forLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new LakepipeException(
                    "Invalid secrets location: '%s'; expected aws-secretsmanager or file:///…/secrets.json", location);
        }
        if (location.equals("aws-secretsmanager")) {
            return new SecretsManagerStore();
        }
        if (location.startsWith("file:")) {
            return new FileSecretStore(Path.of(URI.create(location)));
        }
        throw new LakepipeException(
                "Invalid secrets location: '%s'; expected aws-secretsmanager or file:///…/secrets.json", location);
    }
}
