package dev.lakepipe.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lakepipe.iam.StackTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AccessContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A stack as CDK synthesizes it: a bucket with the VPC-endpoint-only policy, a role with an inline policy, a secret. */
    private static final String TEMPLATE = """
            {"Resources": {
              "Silver": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "lake-silver"}},
              "Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"ServiceName": {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".s3"]]}}},
              "SilverPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Silver"}, "PolicyDocument": {"Statement": [
                {"Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject*", "s3:PutObject*", "s3:ListBucket*"],
                 "Resource": [{"Fn::GetAtt": ["Silver", "Arn"]}, {"Fn::Join": ["", [{"Fn::GetAtt": ["Silver", "Arn"]}, "/*"]]}],
                 "Condition": {"StringNotEquals": {"aws:SourceVpce": {"Ref": "Endpoint"}}}}]}}},
              "Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "tpcc/rdbms/rds/primary/spark"}},
              "Role": {"Type": "AWS::IAM::Role", "Properties": {}},
              "RolePolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "Role"}], "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["Silver", "Arn"]}, "/*"]]}},
                {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": {"Fn::GetAtt": ["Silver", "Arn"]}},
                {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": {"Ref": "Secret"}},
                {"Effect": "Allow", "Action": "glue:GetDatabase", "Resource": [
                  {"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog"},
                  {"Fn::Sub": "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/tpcc_lake"}]}]}}}}}""";

    private static final List<Access> ACCESSES = List.of(
            access("s3:PutObject", AwsArns.object("lake-silver", "tpcc_lake/t/.hoodie/hoodie.properties"), Map.of()),
            access("s3:ListBucket", AwsArns.bucket("lake-silver"), Map.of("s3:prefix", "tpcc_lake/t/")),
            access("secretsmanager:GetSecretValue", AwsArns.secret("tpcc/rdbms/rds/primary/spark"), Map.of()),
            access("glue:GetDatabase", AwsArns.glueCatalog(), Map.of()),
            access("glue:GetDatabase", AwsArns.glueDatabase("tpcc_lake"), Map.of()));

    @Test
    void theStackAllowsEveryAccess() throws Exception {
        assertThat(contract(JSON.readTree(TEMPLATE), "vpce-endpoint").check(ACCESSES))
                .isEmpty();
    }

    @Test
    void removingTheRolesWriteStatementFailsTheWriteNamingStepRoleActionAndResource() throws Exception {
        var template = JSON.readTree(TEMPLATE);
        ((ArrayNode) template.at("/Resources/RolePolicy/Properties/PolicyDocument/Statement")).remove(0);

        var violations = contract(template, "vpce-endpoint").check(ACCESSES);

        assertThat(violations)
                .extracting(AccessContract.Violation::message)
                .containsExactly(
                        "seed_hudi public.t as role Role (silver-profile): s3:PutObject arn:aws:s3:::lake-silver/tpcc_lake/t/.hoodie/hoodie.properties: "
                                + "no statement allows it; missing: Allow s3:PutObject on arn:aws:s3:::lake-silver/tpcc_lake/t/.hoodie/hoodie.properties");
    }

    @Test
    void aCallFromOutsideTheEndpointIsDeniedByTheBucketPolicy() throws Exception {
        var violations = contract(JSON.readTree(TEMPLATE), "vpce-elsewhere").check(ACCESSES);

        assertThat(violations)
                .hasSize(2)
                .allSatisfy(violation ->
                        assertThat(violation.reason()).startsWith("denied explicitly by DenyOutsideVpce: Deny"));
    }

    @Test
    void anUnknownPrincipalIsAViolation() throws Exception {
        var stranger = new Access("gold", "gold-profile", "s3:GetObject", AwsArns.object("lake-silver", "k"), Map.of());

        assertThat(contract(JSON.readTree(TEMPLATE), "vpce-endpoint").check(List.of(stranger)))
                .singleElement()
                .satisfies(violation ->
                        assertThat(violation.reason()).startsWith("principal gold-profile has no role in the stack"));
    }

    private static AccessContract contract(JsonNode template, String endpointOfTheCall) {
        var stack = new StackTemplate(template, "eu-west-1", "111122223333");
        assertThat(stack.s3VpcEndpointId()).contains("vpce-endpoint");
        return new AccessContract(stack, Map.of("silver-profile", "Role"), UnaryOperator.identity(), endpointOfTheCall);
    }

    private static Access access(String action, String resource, Map<String, String> context) {
        return new Access("seed_hudi public.t", "silver-profile", action, resource, context);
    }
}
