package dev.lakepipe.configstore;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Backoff;
import dev.lakepipe.util.Retry;
import dev.lakepipe.util.Sleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB table of config items ({@code identifier} partition key, {@code config} sort key): load an
 * identifier's items (all the launcher needs) and put items in BatchWriteItem batches of 25, unprocessed items
 * retried with backoff. Comparing and importing a file is the CLI's ({@code dev.lakepipe.local.dynamodb.ConfigImport}).
 */
public final class ConfigTable {

    /** BatchWriteItem's limit on requests per call. */
    public static final int BATCH_LIMIT = 25;

    private final DynamoDbClient client;
    private final String tableName;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Integer queryPageSize;

    public ConfigTable(DynamoDbClient client, String tableName) {
        this(client, tableName, Backoff.DEFAULT, Sleeper.REAL, null);
    }

    /**
     * @param backoff retries of unprocessed batch items, waiting through {@code sleeper}
     * @param queryPageSize items per Query page; null lets DynamoDB page by size (1 MB). Tests set it small.
     */
    public ConfigTable(
            DynamoDbClient client, String tableName, Backoff backoff, Sleeper sleeper, Integer queryPageSize) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.queryPageSize = queryPageSize;
    }

    public String tableName() {
        return tableName;
    }

    /** Creates the table (on-demand billing) unless it exists; for local use: on AWS the CDK stack owns it. */
    public void createIfMissing() {
        try {
            if (client.listTables().tableNames().contains(tableName)) {
                return;
            }
            client.createTable(request -> request.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName(ItemKey.IDENTIFIER)
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName(ItemKey.CONFIG)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName(ItemKey.IDENTIFIER)
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(ItemKey.CONFIG)
                                    .keyType(KeyType.RANGE)
                                    .build()));
            client.waiter().waitUntilTableExists(request -> request.tableName(tableName));
        } catch (DynamoDbException e) {
            throw new LakepipeException(e, "Failed to create config table %s", tableName);
        }
    }

    /** Every item of the identifier, ordered by config key, as JSON (numbers stay numbers, strings strings). */
    public List<JsonNode> load(String identifier) {
        requireNonNull(identifier, "identifier is null");
        var items = new ArrayList<JsonNode>();
        Map<String, AttributeValue> startKey = null;
        try {
            do {
                var builder = QueryRequest.builder()
                        .tableName(tableName)
                        .keyConditionExpression("#id = :id")
                        .expressionAttributeNames(Map.of("#id", ItemKey.IDENTIFIER))
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(identifier)))
                        .consistentRead(true)
                        .exclusiveStartKey(startKey);
                if (queryPageSize != null) {
                    builder.limit(queryPageSize);
                }
                var page = client.query(builder.build());
                page.items().forEach(item -> items.add(ItemConverter.toJson(item)));
                startKey =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                                ? page.lastEvaluatedKey()
                                : null;
            } while (startKey != null);
        } catch (ResourceNotFoundException e) {
            throw new LakepipeException(
                    e,
                    "Cannot read config table %s: it does not exist; create it (the CDK stack"
                            + " does on AWS, `lakepipe configs import` does locally)",
                    tableName);
        } catch (DynamoDbException e) {
            throw new LakepipeException(e, "Failed to query config table %s for identifier %s", tableName, identifier);
        }
        return List.copyOf(items);
    }

    /** Puts every item, in batches of 25, retrying unprocessed items with backoff. */
    public void putAll(List<JsonNode> items) {
        var requests = items.stream()
                .map(item -> WriteRequest.builder()
                        .putRequest(PutRequest.builder()
                                .item(ItemConverter.toItem(item))
                                .build())
                        .build())
                .toList();
        for (var from = 0; from < requests.size(); from += BATCH_LIMIT) {
            writeBatch(requests.subList(from, Math.min(from + BATCH_LIMIT, requests.size())));
        }
    }

    private void writeBatch(List<WriteRequest> batch) {
        var retry = Retry.with(backoff).sleeper(sleeper).action("write config items to " + tableName);
        var pending = retry.until(batch, this::send, List::isEmpty);
        if (!pending.isEmpty()) {
            throw new LakepipeException(
                    "Failed to write %d config items to table %s: still unprocessed after %d attempts;"
                            + " the table is throttled, run the import again (it is idempotent)",
                    pending.size(), tableName, retry.maxAttempts());
        }
    }

    private List<WriteRequest> send(List<WriteRequest> requests) {
        try {
            var response = client.batchWriteItem(request -> request.requestItems(Map.of(tableName, requests)));
            return response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(tableName, List.of())
                    : List.of();
        } catch (ResourceNotFoundException e) {
            throw new LakepipeException(e, "Cannot write to config table %s: it does not exist", tableName);
        } catch (DynamoDbException e) {
            throw new LakepipeException(e, "Failed to write %d config items to table %s", requests.size(), tableName);
        }
    }
}
