package dev.lakepipe.secrets;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local Secrets Manager's file (read by the TPC-C source, the Spark steps and the launcher), {@code $LAKEPIPE_HOME/secrets.json}: {@code {"<secret name>": {RDS secret JSON}}}.
 * Errors name the file, the secret and the field, never a value: the file holds passwords, and a JSON parser's
 * message quotes the text around the error, so it is never passed on.
 */
public final class LocalSecretsFile {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path path;
    private final boolean exists;
    private final Map<String, JsonNode> secrets;

    private LocalSecretsFile(Path path, boolean exists, Map<String, JsonNode> secrets) {
        this.path = path;
        this.exists = exists;
        this.secrets = secrets;
    }

    /** Reads the file; one that does not exist holds no secrets. */
    public static LocalSecretsFile read(Path path) {
        requireNonNull(path, "path is null");
        if (!Files.exists(path)) {
            return new LocalSecretsFile(path, false, Map.of());
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new LakepipeException(
                    "Invalid secrets file %s: not valid JSON near line %s; fix or re-create it",
                    path, e.getLocation() == null ? "?" : e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read secrets file %s: %s", path, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LakepipeException(
                    "Invalid secrets file %s: expected a JSON object of secrets by name; fix or re-create it", path);
        }
        var secrets = new TreeMap<String, JsonNode>();
        root.fields().forEachRemaining(entry -> secrets.put(entry.getKey(), entry.getValue()));
        return new LocalSecretsFile(path, true, Collections.unmodifiableSortedMap(secrets));
    }

    public Path path() {
        return path;
    }

    /** Every secret's JSON by name, sorted by name. */
    public Map<String, JsonNode> secrets() {
        return secrets;
    }

    /**
     * The JSON of the secret {@code name}.
     *
     * @param remedy how to add the secret, ending the error when it is missing, e.g. {@code add it or fix database::config.secret}
     */
    public JsonNode secret(String name, String remedy) {
        requireNonNull(name, "name is null");
        var secret = secrets.get(name);
        if (secret == null) {
            throw new LakepipeException(
                    "Cannot find secret %s in %s%s; %s", name, path, exists ? "" : " (no such file)", remedy);
        }
        return secret;
    }
}
