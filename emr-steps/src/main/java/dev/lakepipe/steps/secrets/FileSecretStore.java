package dev.lakepipe.steps.secrets;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import java.io.IOException;
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
        try {
            var secrets = new ObjectMapper().readTree(file.toFile());
            if (secrets == null || !secrets.has(name)) {
                throw new LakepipeException("Cannot find secret %s in %s; add it or fix database::config.secret", name, file);
            }
            return SecretJson.parse(name, secrets.get(name));
        } catch (JsonProcessingException e) {
            // No cause: the parser's message quotes the file text, which holds passwords.
            throw new LakepipeException("Invalid secrets file %s: not valid JSON near line %s", file,
                    e.getLocation() == null ? "?" : e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read secrets file %s", file);
        }
    }
}
