package dev.lakepipe.access;

/**
 * The ARNs the local runtime records accesses on. Account and region are the local ones ({@link #LOCAL_REGION},
 * {@link #LOCAL_ACCOUNT}); a contract check maps them to the account and region it evaluates a stack in.
 */
public final class AwsArns {

    public static final String LOCAL_REGION = "local";
    public static final String LOCAL_ACCOUNT = "000000000000";

    private AwsArns() {}

    public static String bucket(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String object(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    public static String glueCatalog() {
        return local("glue", "catalog");
    }

    public static String glueDatabase(String database) {
        return local("glue", "database/" + database);
    }

    public static String glueTable(String database, String table) {
        return local("glue", "table/" + database + "/" + table);
    }

    /** A secret by name, as a {@code GetSecretValue} by name reaches it (the ARN's random suffix left out). */
    public static String secret(String name) {
        return local("secretsmanager", "secret:" + name);
    }

    /** A DynamoDB table by name (the launcher's config table). */
    public static String dynamoDbTable(String name) {
        return local("dynamodb", "table/" + name);
    }

    /** A Step Functions state machine by name. */
    public static String stateMachine(String name) {
        return local("states", "stateMachine:" + name);
    }

    /** An IAM role by name (IAM ARNs have no region). */
    public static String role(String name) {
        return "arn:aws:iam::%s:role/%s".formatted(LOCAL_ACCOUNT, name);
    }

    /** An EC2 instance profile by name: what an EMR cluster's JobFlowRole names; IAM passes the role inside it. */
    public static String instanceProfile(String name) {
        return "arn:aws:iam::%s:instance-profile/%s".formatted(LOCAL_ACCOUNT, name);
    }

    private static String local(String service, String resource) {
        return "arn:aws:%s:%s:%s:%s".formatted(service, LOCAL_REGION, LOCAL_ACCOUNT, resource);
    }
}
