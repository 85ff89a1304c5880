package dev.lakepipe.local.dynamodb;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.asl.ResourceArn;
import dev.lakepipe.asl.TaskFailure;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;
import dev.lakepipe.local.states.Resources;
import dev.lakepipe.local.states.SdkMetadata;
import dev.lakepipe.util.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * DynamoDB on DynamoDB Local: optimized {@code dynamodb:getItem|putItem} (results with SDK metadata, errors
 * {@code DynamoDB.<code>}) and {@code aws-sdk:dynamodb:getItem|putItem|query} (bare results, errors
 * {@code DynamoDb.<code>}). Requests and results use DynamoDB's low-level JSON, as in the definitions.
 */
public final class DynamoDbIntegration implements TaskIntegration {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<ResourceArn.Pattern> REQUEST_RESPONSE = Set.of(ResourceArn.Pattern.REQUEST_RESPONSE);

    private final Supplier<DynamoDbClient> client;

    /** @param client opened on first use, so a definition without DynamoDB tasks starts no DynamoDB Local */
    public DynamoDbIntegration(Supplier<DynamoDbClient> client) {
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public boolean handles(String resource) {
        return Resources.is(resource, "dynamodb", "getItem", REQUEST_RESPONSE)
                || Resources.is(resource, "dynamodb", "putItem", REQUEST_RESPONSE)
                || Resources.is(resource, "aws-sdk:dynamodb", "getItem", REQUEST_RESPONSE)
                || Resources.is(resource, "aws-sdk:dynamodb", "putItem", REQUEST_RESPONSE)
                || Resources.is(resource, "aws-sdk:dynamodb", "query", REQUEST_RESPONSE);
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        ResourceArn arn = request.resourceArn();
        boolean sdk = arn.service().startsWith("aws-sdk:");
        JsonNode input = request.input();
        try {
            ObjectNode result = switch (arn.action()) {
                case "getItem" -> getItem(input);
                case "putItem" -> putItem(input);
                default -> query(input);
            };
            return sdk ? result : SdkMetadata.addTo(result);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null
                    ? e.getClass().getSimpleName()
                    : e.awsErrorDetails().errorCode();
            throw new TaskFailure((sdk ? "DynamoDb." : "DynamoDB.") + code, e.getMessage());
        }
    }

    private ObjectNode getItem(JsonNode input) {
        GetItemResponse response = client.get()
                .getItem(builder -> builder.tableName(input.path("TableName").asText())
                        .key(AttributeValues.map(input.get("Key")))
                        .consistentRead(
                                input.has("ConsistentRead")
                                        ? input.get("ConsistentRead").asBoolean()
                                        : null)
                        .projectionExpression(text(input, "ProjectionExpression"))
                        .expressionAttributeNames(names(input)));
        ObjectNode result = MAPPER.createObjectNode();
        if (response.hasItem()) {
            result.set("Item", AttributeValues.json(response.item()));
        }
        return result;
    }

    private ObjectNode putItem(JsonNode input) {
        PutItemResponse response = client.get()
                .putItem(builder -> builder.tableName(input.path("TableName").asText())
                        .item(AttributeValues.map(input.get("Item")))
                        .conditionExpression(text(input, "ConditionExpression"))
                        .expressionAttributeNames(names(input))
                        .expressionAttributeValues(values(input))
                        .returnValues(text(input, "ReturnValues")));
        ObjectNode result = MAPPER.createObjectNode();
        if (response.hasAttributes()) {
            result.set("Attributes", AttributeValues.json(response.attributes()));
        }
        return result;
    }

    private ObjectNode query(JsonNode input) {
        var builder = QueryRequest.builder()
                .tableName(input.path("TableName").asText())
                .indexName(text(input, "IndexName"))
                .keyConditionExpression(text(input, "KeyConditionExpression"))
                .filterExpression(text(input, "FilterExpression"))
                .projectionExpression(text(input, "ProjectionExpression"))
                .expressionAttributeNames(names(input))
                .expressionAttributeValues(values(input))
                .scanIndexForward(
                        input.has("ScanIndexForward")
                                ? input.get("ScanIndexForward").asBoolean()
                                : null)
                .limit(input.has("Limit") ? input.get("Limit").asInt() : null);
        if (input.has("ExclusiveStartKey")) {
            builder.exclusiveStartKey(AttributeValues.map(input.get("ExclusiveStartKey")));
        }
        QueryResponse response = client.get().query(builder.build());
        ObjectNode result = MAPPER.createObjectNode();
        result.put("Count", response.count());
        var items = result.putArray("Items");
        response.items().forEach(item -> items.add(AttributeValues.json(item)));
        result.put("ScannedCount", response.scannedCount());
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            result.set("LastEvaluatedKey", AttributeValues.json(response.lastEvaluatedKey()));
        }
        return result;
    }

    private static String text(JsonNode input, String field) {
        return input.hasNonNull(field) ? input.get(field).asText() : null;
    }

    private static Map<String, String> names(JsonNode input) {
        if (!input.has("ExpressionAttributeNames")) {
            return null;
        }
        var names = new HashMap<String, String>();
        input.get("ExpressionAttributeNames")
                .fields()
                .forEachRemaining(
                        field -> names.put(field.getKey(), field.getValue().asText()));
        return names;
    }

    private static Map<String, AttributeValue> values(JsonNode input) {
        return input.has("ExpressionAttributeValues")
                ? AttributeValues.map(input.get("ExpressionAttributeValues"))
                : null;
    }
}
