package dev.lakepipe.steps.secrets;

import static dev.lakepipe.secrets.SecretFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.SecretFields;

/** Reads the RDS secret JSON shape; the message names the secret and the missing field, never a value. */
final class SecretJson {

    private SecretJson() {}

    static DatabaseSecret parse(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new LakepipeException("Invalid secret %s: expected a JSON object with username, password, host, port, dbname", name);
        }
        return new DatabaseSecret(
                required(name, node, "username"),
                required(name, node, "password"),
                required(name, node, "host"),
                SecretFields.port(name, node),
                required(name, node, "dbname"),
                SecretFields.optional(node, "sslmode").orElse(null));
    }
}
