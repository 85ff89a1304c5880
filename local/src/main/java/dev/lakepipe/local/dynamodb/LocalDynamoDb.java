package dev.lakepipe.local.dynamodb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB Local of a home folder, started on first use and kept until the JVM exits (a CLI run). */
public final class LocalDynamoDb implements Supplier<DynamoDbClient> {

    private final Path home;
    private DynamoDbClient client;

    public LocalDynamoDb(Path home) {
        this.home = requireNonNull(home, "home is null");
    }

    @Override
    public synchronized DynamoDbClient get() {
        if (client == null) {
            client = DynamoDbLocalServer.startPersistent(ConfigTableConnection.dynamoDbDirectory(home))
                    .newClient();
        }
        return client;
    }
}
