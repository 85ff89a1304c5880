package dev.lakepipe.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lakepipe.util.Json;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What the pipeline runs against: the DynamoDB config table (identifier / config), the
 * notification topic with the ops e-mail, and the RDS-style secrets of the Spark and DMS users.
 */
public final class RuntimeServices extends Construct {
    /** Config table keys, as the config model (pipeline-core) reads them. */
    static final String PARTITION_KEY = "identifier";

    static final String SORT_KEY = "config";

    private final Table configTable;
    private final Topic topic;
    private final Key topicKey;
    private final Secret sparkSecret;
    private final Secret dmsSecret;

    public RuntimeServices(Construct scope, String id, DeploymentConfig config) {
        super(scope, id);
        configTable = Table.Builder.create(this, "ConfigTable")
                .partitionKey(Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(SORT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecovery(true)
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // A key of our own: CloudWatch alarms cannot publish to a topic under the AWS managed alias/aws/sns key, whose
        // policy no one can change. Publishers get the key through grantPublish.
        topicKey = Key.Builder.create(this, "NotificationKey")
                .description("lakepipe " + config.useCase() + " notification topic")
                .enableKeyRotation(true)
                .build();
        topicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals",
                        Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        topic = Topic.Builder.create(this, "NotificationTopic")
                .displayName("lakepipe " + config.useCase() + " notifications")
                .masterKey(topicKey)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyPlainHttp")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("Bool", Map.of("aws:SecureTransport", "false")))
                .build());
        // The topic policy replaces SNS's default one, which let the account's own services publish: CloudWatch alarms
        // publish as cloudwatch.amazonaws.com and need a statement of their own, for this account's alarms only.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "aws:SourceArn",
                                Stack.of(this)
                                        .formatArn(ArnComponents.builder()
                                                .service("cloudwatch")
                                                .resource("alarm")
                                                .resourceName("*")
                                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                                .build())),
                        "StringEquals",
                        Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        topic.addSubscription(new EmailSubscription(config.opsEmailAddress()));
        sparkSecret = databaseSecret(
                "SparkSecret",
                config.names().sparkSecret(),
                "spark",
                config,
                config.database().sparkUser());
        dmsSecret = databaseSecret(
                "DmsSecret",
                config.names().dmsSecret(),
                "dms",
                config,
                config.database().dmsUser());
    }

    /** The RDS secret JSON with a generated password, named by {@link dev.lakepipe.deploy.StackNames}. */
    private Secret databaseSecret(String id, String name, String userRole, DeploymentConfig config, String userName) {
        var database = config.database();
        var template = secretTemplate(Map.of(
                "username", userName,
                "host", database.endpoint(),
                "port", database.port(),
                "dbname", database.name(),
                "engine", database.engine(),
                // Encrypted always; verify-full also needs the RDS CA on every EMR node (docs/deployment.md).
                "sslmode", "require"));
        return Secret.Builder.create(this, id)
                .secretName(name)
                .description("lakepipe %s database user (%s); set the password to the user's real one after deployment"
                        .formatted(userRole, userName))
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(template)
                        .generateStringKey("password")
                        .excludePunctuation(true)
                        .passwordLength(32)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Table configTable() {
        return configTable;
    }

    /** {@code sns:Publish} to the topic and the use of its key, which an encrypted topic's publisher needs. */
    public void grantPublish(IGrantable publisher) {
        topic.grantPublish(publisher);
        topicKey.grant(publisher, "kms:Decrypt", "kms:GenerateDataKey*");
    }

    public Topic topic() {
        return topic;
    }

    public Secret sparkSecret() {
        return sparkSecret;
    }

    public Secret dmsSecret() {
        return dmsSecret;
    }
    /** The secret's JSON, keys sorted so the template is the same at every synth. */
    private static String secretTemplate(Map<String, Object> fields) {
        try {
            return Json.MAPPER
                    .writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the secret template: " + e.getOriginalMessage(), e);
        }
    }
}
