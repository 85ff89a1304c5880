package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.secrets.LocalSecretsFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The source database name behind a database secret: the {@code dbname} of the RDS-style secret JSON. DMS writes
 * a database's changes under {@code incremental/<dbname>}, which the planner needs for {@code engine:
 * deltastreamer} steps. Only {@code dbname} is read from the secret; nothing of it is logged.
 */
@FunctionalInterface
public interface SourceDatabases {

    String AWS_SECRETS_MANAGER = "aws-secretsmanager";

    /** The database name stored in the secret {@code secretName}. */
    String nameOf(String secretName);

    /**
     * For a snapshot environment's {@code secrets} location: Secrets Manager ({@code aws-secretsmanager}, the client
     * made on first use) or the local secrets file {@code file:///.../secrets.json} ({@code {"<secret name>": {...}}}).
     */
    static SourceDatabases forLocation(String secretsLocation, java.util.function.Supplier<SecretsManagerClient> secretsManager) {
        requireNonNull(secretsLocation, "secretsLocation is null");
        requireNonNull(secretsManager, "secretsManager is null");
        if (secretsLocation.equals(AWS_SECRETS_MANAGER)) {
            return fromSecretJson(secretName -> secretsManager.get().getSecretValue(request -> request.secretId(secretName)).secretString());
        }
        if (secretsLocation.startsWith("file:")) {
            var file = Path.of(URI.create(secretsLocation));
            return fromSecretJson(secretName -> localSecret(file, secretName));
        }
        throw new LakepipeException("Invalid secrets location %s; expected %s or file:///<path>/secrets.json", secretsLocation, AWS_SECRETS_MANAGER);
    }

    /** Reads {@code dbname} from the secret JSON that {@code secretString} returns for a secret name. */
    static SourceDatabases fromSecretJson(Function<String, String> secretString) {
        requireNonNull(secretString, "secretString is null");
        return secretName -> {
            JsonNode secret;
            try {
                secret = ConfigReader.mapper().readTree(secretString.apply(secretName));
            } catch (JsonProcessingException e) {
                // The message of a parse error may quote the secret; name the secret only.
                throw new LakepipeException("Invalid database secret %s: not JSON; store the RDS secret JSON with a dbname field", secretName);
            }
            var name = secret.path("dbname").asText("");
            if (name.isBlank()) {
                throw new LakepipeException("Invalid database secret %s: no dbname; add the source database name as \"dbname\"", secretName);
            }
            return name;
        };
    }

    private static String localSecret(Path file, String secretName) {
        var secret = LocalSecretsFile.read(file).secret(secretName, "add it (lakepipe source start writes it)");
        return secret.isTextual() ? secret.asText() : secret.toString();
    }
}
