package dev.lakepipe.local.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.configstore.ConfigTable;
import java.io.Closeable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A config table reached either at a given DynamoDB endpoint, or (no endpoint) in a DynamoDB Local started
 * for the duration of the connection and persisted under {@code $LAKEPIPE_HOME/dynamodb}, so one command's
 * import is the next command's export. Locally the table is created on first use.
 */
public final class ConfigTableConnection implements Closeable {

    private final Optional<DynamoDbLocalServer> server;
    private final DynamoDbClient client;
    private final ConfigTable table;

    private ConfigTableConnection(Optional<DynamoDbLocalServer> server, DynamoDbClient client, String tableName) {
        this.server = server;
        this.client = client;
        this.table = new ConfigTable(client, tableName);
    }

    public static ConfigTableConnection open(Optional<URI> endpoint, Path lakepipeHome, String tableName) {
        requireNonNull(tableName, "tableName is null");
        if (endpoint.isPresent()) {
            return new ConfigTableConnection(Optional.empty(), DynamoDbLocalServer.client(endpoint.get()), tableName);
        }
        var server = DynamoDbLocalServer.startPersistent(dynamoDbDirectory(lakepipeHome));
        var connection = new ConfigTableConnection(Optional.of(server), server.newClient(), tableName);
        connection.table.createIfMissing();
        return connection;
    }

    /** Where the local config tables live: {@code $LAKEPIPE_HOME/dynamodb}. */
    public static Path dynamoDbDirectory(Path lakepipeHome) {
        return lakepipeHome.resolve("dynamodb");
    }

    public ConfigTable table() {
        return table;
    }

    /** Where the table is: the endpoint, or the local directory. */
    public String location() {
        return server.map(local -> "DynamoDB Local (" + local.endpoint() + ")").orElse("DynamoDB");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.ifPresent(DynamoDbLocalServer::close);
        }
    }
}
