package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where lakepipe sql's statements run: the local Trino server at {@code server}, catalog {@link #CATALOG} (Athena's),
 * the default schema if the lake has one database, and the server's log, which failure messages name.
 */
public record TrinoSession(URI server, Optional<String> schema, Path log) {

    /** Athena's catalog name, the local server's one catalog. */
    public static final String CATALOG = "awsdatacatalog";

    /** The user lakepipe's statements run as. */
    public static final String USER = "lakepipe";

    public TrinoSession {
        requireNonNull(server, "server is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(log, "log is null");
    }

    /** The server on this machine's {@code port}. */
    public static TrinoSession local(int port, Optional<String> schema, Path log) {
        return new TrinoSession(URI.create("http://127.0.0.1:" + port), schema, log);
    }
}
