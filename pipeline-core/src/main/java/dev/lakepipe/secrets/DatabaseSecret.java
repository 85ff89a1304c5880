package dev.lakepipe.secrets;

import static dev.lakepipe.secrets.SecretFields.required;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.io.Serializable;
import java.util.Properties;

/**
 * An RDS-style database secret, the JSON Secrets Manager keeps for an RDS instance:
 * {@code {"username","password","host","port","dbname","engine","sslmode"}}. {@code engine} defaults to
 * {@code postgres}, {@code sslmode} to {@code prefer} (the driver's default; RDS secrets carry none).
 * {@link #toString()} never shows the password.
 */
public record DatabaseSecret(
        String username, String password, String host, int port, String dbname, String engine, String sslmode)
        implements Serializable {

    public DatabaseSecret {
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(host, "host is null");
        requireNonNull(dbname, "dbname is null");
        engine = engine == null || engine.isBlank() ? "postgres" : engine;
        sslmode = sslmode == null || sslmode.isBlank() ? "prefer" : sslmode;
        if (port <= 0 || port > 65535) {
            throw new LakepipeException("Invalid port in database secret for %s: %s; expected 1-65535", host, port);
        }
    }

    /** Reads the secret {@code name}'s JSON; the message names the secret and the missing field, never a value. */
    public static DatabaseSecret fromJson(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new LakepipeException(
                    "Invalid secret %s: expected a JSON object with username, password, host, port, dbname", name);
        }
        return new DatabaseSecret(
                required(name, node, "username"),
                required(name, node, "password"),
                required(name, node, "host"),
                SecretFields.port(name, node),
                required(name, node, "dbname"),
                SecretFields.optional(node, "engine").orElse(null),
                SecretFields.optional(node, "sslmode").orElse(null));
    }

    /** The JDBC URL without credentials: {@code jdbc:postgresql://host:port/dbname?sslmode=...}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbname + "?sslmode=" + sslmode;
    }

    /** Driver properties carrying the credentials, so they never appear in a URL or a log line. */
    public Properties connectionProperties() {
        var properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "lakepipe");
        return properties;
    }

    @Override
    public String toString() {
        return "DatabaseSecret[" + username + "@" + host + ":" + port + "/" + dbname + ", sslmode=" + sslmode + "]";
    }
}
