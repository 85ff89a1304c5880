package dev.lakepipe.steps.secrets;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.util.Json;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** AWS Secrets Manager, region and credentials from the default chains (the EMR instance profile). */
final class SecretsManagerStore implements SecretStore {

    @Override
    public DatabaseSecret databaseSecret(String name) {
        try (var client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            var value = client.getSecretValue(
                            GetSecretValueRequest.builder().secretId(name).build())
                    .secretString();
            return DatabaseSecret.fromJson(name, Json.MAPPER.readTree(value));
        } catch (SdkException e) {
            throw new LakepipeException(
                    e,
                    "Failed to read secret %s from AWS Secrets Manager: %s",
                    name,
                    e.getClass().getSimpleName());
        } catch (IOException e) {
            // No cause: the parser's message quotes the secret text.
            throw new LakepipeException("Invalid secret %s: its SecretString is not JSON", name);
        }
    }
}
