package dev.lakepipe.steps.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;

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
                Integer.parseInt(required(name, node, "port")),
                required(name, node, "dbname"),
                node.path("sslmode").asText(null));
    }

    private static String required(String name, JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new LakepipeException("Invalid secret %s: field '%s' is missing; add it to the secret", name, field);
        }
        return value.asText();
    }
}
