package dev.lakepipe.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.Optional;

/** The fields of an RDS-style secret's JSON; errors name the secret and the field, never a value. */
public final class SecretFields {

    private SecretFields() {}

    /** The text of {@code field} in the secret {@code name}; fails when it is missing, null or empty. */
    public static String required(String name, JsonNode secret, String field) {
        return optional(secret, field)
                .orElseThrow(() -> new LakepipeException(
                        "Invalid secret %s: field '%s' is missing; add it to the secret", name, field));
    }

    /** The text of {@code field}, empty when it is missing, null or empty. */
    public static Optional<String> optional(JsonNode secret, String field) {
        var value = secret.get(field);
        return value == null || value.isNull() || value.asText().isEmpty()
                ? Optional.empty()
                : Optional.of(value.asText());
    }

    /** The {@code port} field as a number; the error names the secret, the value is no password. */
    public static int port(String name, JsonNode secret) {
        var port = required(name, secret, "port");
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new LakepipeException(
                    "Invalid secret %s: field 'port' is '%s'; expected a number 1-65535", name, port);
        }
    }
}
