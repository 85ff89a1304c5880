package dev.lakepipe.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.asl.TaskIntegrations;
import dev.lakepipe.configstore.ConfigTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dynamodb:putItem / getItem and aws-sdk:dynamodb:query from a definition, on DynamoDB Local. */
class DynamoDbIntegrationIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void putsGetsAndQueriesItemsWithStepFunctionsShapes() throws Exception {
        try (var server = DynamoDbLocalServer.startInMemory();
                var client = server.newClient();
                var engine = StepFunctions.builder()
                        .integrations(new TaskIntegrations().register(new DynamoDbIntegration(() -> client)))
                        .build()) {
            new ConfigTable(client, "configs").createIfMissing();
            var machine = engine.load("dynamo", MAPPER.readTree("""
                    {"StartAt": "Put", "States": {
                      "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                              "Parameters": {"TableName": "configs", "Item": {"identifier": {"S.$": "$.id"}, "config": {"S": "database::config"},
                                             "count": {"N": "6"}, "tags": {"L": [{"S": "a"}, {"BOOL": true}]}}},
                              "ResultSelector": {"status.$": "$.SdkHttpMetadata.HttpStatusCode"}, "ResultPath": "$.put", "Next": "Get"},
                      "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                              "Parameters": {"TableName": "configs", "Key": {"identifier": {"S.$": "$.id"}, "config": {"S": "database::config"}}},
                              "ResultSelector": {"item.$": "$.Item"}, "ResultPath": "$.get", "Next": "Missing"},
                      "Missing": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                              "Parameters": {"TableName": "configs", "Key": {"identifier": {"S": "nobody"}, "config": {"S": "x"}}},
                              "ResultPath": "$.missing", "Next": "Query"},
                      "Query": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
                              "Parameters": {"TableName": "configs", "KeyConditionExpression": "identifier = :id",
                                             "ExpressionAttributeValues": {":id": {"S.$": "$.id"}}},
                              "ResultPath": "$.query", "Next": "NoTable"},
                      "NoTable": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                              "Parameters": {"TableName": "nope", "Key": {"identifier": {"S": "x"}, "config": {"S": "y"}}},
                              "Catch": [{"ErrorEquals": ["DynamoDB.ResourceNotFoundException"], "ResultPath": "$.error", "Next": "Done"}],
                              "End": true},
                      "Done": {"Type": "Succeed"}}}
                    """), Map.of());

            Execution execution = engine.run(machine, "dynamo-1", MAPPER.readTree("{\"id\": \"shop\"}"));

            assertThat(execution.status())
                    .as(execution.error() + " " + execution.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            var output = execution.output().orElseThrow();
            assertThat(output.path("put").path("status").asInt()).isEqualTo(200);
            assertThat(output.path("get").path("item")).isEqualTo(MAPPER.readTree("""
                    {"identifier": {"S": "shop"}, "config": {"S": "database::config"}, "count": {"N": "6"},
                     "tags": {"L": [{"S": "a"}, {"BOOL": true}]}}"""));
            assertThat(output.path("missing").has("Item")).isFalse();
            assertThat(output.path("missing").has("SdkResponseMetadata")).isTrue();
            assertThat(output.path("query").path("Count").asInt()).isEqualTo(1);
            assertThat(output.path("query").has("SdkHttpMetadata")).isFalse();
            assertThat(output.path("error").path("Error").asText()).isEqualTo("DynamoDB.ResourceNotFoundException");
        }
    }
}
