package dev.lakepipe.launcher;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The AWS clients the launcher uses; tests pass clients aimed at DynamoDB Local or mocks. */
public interface LauncherAwsClients {

    DynamoDbClient dynamoDb();

    SfnClient sfn();

    SnsClient sns();

    S3Client s3();

    /** Clients from the default region and credential chains (the Lambda's role), on the light URL-connection HTTP client. */
    static LauncherAwsClients defaults() {
        return new LauncherAwsClients() {
            private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            private final SfnClient sfn = SfnClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            private final SnsClient sns = SnsClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            private final S3Client s3 = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();

            @Override
            public DynamoDbClient dynamoDb() {
                return dynamoDb;
            }

            @Override
            public SfnClient sfn() {
                return sfn;
            }

            @Override
            public SnsClient sns() {
                return sns;
            }

            @Override
            public S3Client s3() {
                return s3;
            }
        };
    }
}
