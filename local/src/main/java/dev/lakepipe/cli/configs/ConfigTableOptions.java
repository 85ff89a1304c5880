package dev.lakepipe.cli.configs;

import dev.lakepipe.cli.LakepipeHome;
import dev.lakepipe.local.dynamodb.ConfigTableConnection;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the config table is: {@code --table} and {@code --endpoint} (shared by import and export). */
public final class ConfigTableOptions {

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "DynamoDB config table name.")
    String table;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "DynamoDB endpoint, e.g. http://localhost:8000."
                    + " Without it: a DynamoDB Local kept in $LAKEPIPE_HOME/dynamodb, started for this command.")
    URI endpoint;

    /** The options as {@code --table} and {@code --endpoint} would give them, for a command that names them otherwise. */
    public static ConfigTableOptions of(String table, Optional<URI> endpoint) {
        var options = new ConfigTableOptions();
        options.table = table;
        options.endpoint = endpoint.orElse(null);
        return options;
    }

    public ConfigTableConnection open() {
        return ConfigTableConnection.open(Optional.ofNullable(endpoint), LakepipeHome.resolve(), table);
    }
}
