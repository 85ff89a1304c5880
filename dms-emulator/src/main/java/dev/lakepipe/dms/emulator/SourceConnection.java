package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;

/** Where the source PostgreSQL is and who the emulator logs in as (the DMS source endpoint). */
public record SourceConnection(String host, int port, String database, String user, String password) {

    public SourceConnection {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid port: " + port);
        }
    }

    /** From an RDS-style secret: {@code {"username","password","host","port","dbname",...}}. */
    public static SourceConnection fromRdsSecret(String secretName, JsonNode secret) {
        for (var field : new String[] {"username", "password", "host", "port", "dbname"}) {
            if (!secret.hasNonNull(field)) {
                throw new LakepipeException(
                        "Invalid secret %s: field %s is missing; an RDS secret has username, password, host, port, dbname",
                        secretName, field);
            }
        }
        return new SourceConnection(
                secret.get("host").asText(),
                secret.get("port").asInt(),
                secret.get("dbname").asText(),
                secret.get("username").asText(),
                secret.get("password").asText());
    }

    /** Reads one secret of a local Secrets Manager file ({@code {"<name>": {RDS secret}}}). */
    public static SourceConnection fromSecretsFile(Path secretsFile, String secretName) {
        JsonNode secrets;
        try {
            secrets = Json.MAPPER.readTree(Files.readAllBytes(secretsFile));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read secrets file %s: %s; create the source first (it writes the secrets)"
                            .formatted(secretsFile, e instanceof NoSuchFileException ? "no such file" : e.getMessage()),
                    e);
        }
        var secret = secrets.get(secretName);
        if (secret == null) {
            var names = new ArrayList<String>();
            secrets.fieldNames().forEachRemaining(names::add);
            throw new LakepipeException(
                    "Invalid secret name: %s is not in %s (it has %s)", secretName, secretsFile, names);
        }
        return fromRdsSecret(secretName, secret);
    }

    /** A new JDBC connection as this user. */
    Connection open() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://%s:%d/%s".formatted(host, port, database), user, password);
    }

    @Override
    public String toString() {
        return "SourceConnection[%s@%s:%d/%s]".formatted(user, host, port, database);
    }
}
