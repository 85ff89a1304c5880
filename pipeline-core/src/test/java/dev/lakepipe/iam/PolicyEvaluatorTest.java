package dev.lakepipe.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/Silver";

    @Test
    void actionAndResourceWildcardsAllow() {
        var identity = statements("""
                {"Statement": [{"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::lake-silver/*"}]}""");

        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver/db/t/file.parquet", identity, List.of())
                        .allowed())
                .isTrue();
        assertThat(evaluate("S3:getobject", "arn:aws:s3:::lake-silver/x", identity, List.of())
                        .allowed())
                .as("actions ignore case")
                .isTrue();
        assertThat(evaluate("s3:PutObject", "arn:aws:s3:::lake-silver/x", identity, List.of()))
                .isInstanceOf(Decision.ImplicitDeny.class);
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-gold/x", identity, List.of())
                        .allowed())
                .isFalse();
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver", identity, List.of())
                        .allowed())
                .as("bucket is not an object")
                .isFalse();
    }

    @Test
    void explicitDenyWinsAndNotActionExcludes() {
        var identity = statements("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                               {"Sid": "NoDeletes", "Effect": "Deny", "NotAction": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::lake-bronze/*"}]}""");

        var denied = evaluate("s3:DeleteObject", "arn:aws:s3:::lake-bronze/k", identity, List.of());
        assertThat(denied).isInstanceOf(Decision.ExplicitDeny.class);
        assertThat(denied.statement().orElseThrow().sid()).contains("NoDeletes");
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-bronze/k", identity, List.of())
                        .allowed())
                .isTrue();
    }

    @Test
    void bucketPolicyDenyOutsideTheEndpointAppliesToEveryPrincipalButNotFromTheEndpoint() {
        var identity = statements("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake-silver/*"}]}""");
        var bucket = statements("""
                {"Statement": [{"Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject*"],
                  "Resource": ["arn:aws:s3:::lake-silver", "arn:aws:s3:::lake-silver/*"],
                  "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"},
                                "ForAllValues:StringNotEquals": {"aws:CalledVia": ["athena.amazonaws.com"]},
                                "ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::123456789012:role/Admin"]}}},
                 {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::lake-silver/*",
                  "Condition": {"NumericLessThan": {"s3:TlsVersion": 1.2}}}]}""");

        var inVpc = Map.of("aws:SourceVpce", List.of("vpce-1"), "s3:TlsVersion", List.of("1.2"));
        var outside = Map.of("aws:SourceVpce", List.of("vpce-other"), "s3:TlsVersion", List.of("1.2"));
        var viaAthena = Map.of("aws:CalledVia", List.of("athena.amazonaws.com"), "s3:TlsVersion", List.of("1.3"));
        var oldTls = Map.of("aws:SourceVpce", List.of("vpce-1"), "s3:TlsVersion", List.of("1.1"));

        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver/k", ROLE, inVpc, identity, bucket)
                        .allowed())
                .isTrue();
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver/k", ROLE, outside, identity, bucket)
                        .statement()
                        .orElseThrow()
                        .sid())
                .contains("DenyOutsideVpce");
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver/k", ROLE, viaAthena, identity, bucket)
                        .allowed())
                .isTrue();
        assertThat(evaluate(
                                "s3:GetObject",
                                "arn:aws:s3:::lake-silver/k",
                                "arn:aws:iam::123456789012:role/Admin",
                                outside,
                                identity,
                                bucket)
                        .allowed())
                .as("admin exception")
                .isTrue();
        assertThat(evaluate("s3:GetObject", "arn:aws:s3:::lake-silver/k", ROLE, oldTls, identity, bucket))
                .isInstanceOf(Decision.ExplicitDeny.class);
    }

    @Test
    void listBucketPrefixConditions() {
        var identity = statements("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::lake-bronze",
                                "Condition": {"StringLike": {"s3:prefix": ["full/*", "full"]}}}]}""");

        assertThat(evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::lake-bronze",
                                ROLE,
                                Map.of("s3:prefix", List.of("full/tpcc/")),
                                identity,
                                List.of())
                        .allowed())
                .isTrue();
        assertThat(evaluate(
                                "s3:ListBucket",
                                "arn:aws:s3:::lake-bronze",
                                ROLE,
                                Map.of("s3:prefix", List.of("incremental/")),
                                identity,
                                List.of())
                        .allowed())
                .isFalse();
        assertThat(evaluate("s3:ListBucket", "arn:aws:s3:::lake-bronze", ROLE, Map.of(), identity, List.of())
                        .allowed())
                .as("a missing key fails a positive operator")
                .isFalse();
    }

    @Test
    void anUnknownOperatorFailsLoudly() {
        var identity = statements("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");

        assertThatThrownBy(() -> evaluate("s3:GetObject", "arn:aws:s3:::b/k", identity, List.of()))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining("Unsupported condition operator IpAddress");
    }

    @Test
    void aServiceCallingAsItselfNeedsAResourcePolicyStatementNamingItsService() {
        var topic = "arn:aws:sns:eu-west-1:111122223333:ops";
        var onlyDenyPlainHttp = statements("""
                {"Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "%s",
                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""".formatted(topic));
        var alarms = statements("""
                {"Statement": [{"Effect": "Allow", "Principal": {"Service": ["cloudwatch.amazonaws.com"]},
                  "Action": "sns:Publish", "Resource": "%s",
                  "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*"}}}]}""".formatted(topic));
        var context = Map.of(
                "aws:SecureTransport", List.of("true"),
                "aws:SourceArn", List.of("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:lag"));

        assertThat(evaluate("sns:Publish", topic, "cloudwatch.amazonaws.com", context, List.of(), onlyDenyPlainHttp)
                        .allowed())
                .as("no statement names the service: a topic policy replaces SNS's default one")
                .isFalse();
        assertThat(evaluate("sns:Publish", topic, "cloudwatch.amazonaws.com", context, List.of(), alarms)
                        .allowed())
                .isTrue();
        assertThat(evaluate("sns:Publish", topic, "events.amazonaws.com", context, List.of(), alarms)
                        .allowed())
                .isFalse();
        assertThat(evaluate(
                                "sns:Publish",
                                topic,
                                "arn:aws:iam::111122223333:role/cloudwatch.amazonaws.com",
                                context,
                                List.of(),
                                alarms)
                        .allowed())
                .as("a role never matches a service principal")
                .isFalse();
    }

    private static Decision evaluate(
            String action, String resource, List<PolicyStatement> identity, List<PolicyStatement> bucket) {
        return evaluate(action, resource, ROLE, Map.of(), identity, bucket);
    }

    private static Decision evaluate(
            String action,
            String resource,
            String principal,
            Map<String, List<String>> context,
            List<PolicyStatement> identity,
            List<PolicyStatement> bucket) {
        return PolicyEvaluator.evaluate(new AccessRequest(action, resource, principal, context), identity, bucket);
    }

    private static List<PolicyStatement> statements(String json) {
        try {
            return PolicyStatement.parseDocument(JSON.readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
