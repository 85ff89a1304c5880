package dev.lakepipe.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized CloudFormation template as IAM will see the deployed stack, in one fixed account and region:
 * {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select} and {@code Fn::Split}
 * resolved to the names and ARNs CloudFormation would give (a logical id stands in for a generated name, a fixed
 * suffix for a secret ARN's random one). A function it cannot resolve fails, naming it.
 */
public final class StackTemplate {

    /** Stands in for the six random characters Secrets Manager appends to a secret's ARN. */
    public static final String SECRET_SUFFIX = "-AbCdEf";

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    private final JsonNode template;
    private final String region;
    private final String account;

    public StackTemplate(JsonNode template, String region, String account) {
        this.template = requireNonNull(template, "template is null");
        this.region = requireNonNull(region, "region is null");
        this.account = requireNonNull(account, "account is null");
        if (!template.path("Resources").isObject()) {
            throw new LakepipeException("Invalid CloudFormation template: no Resources");
        }
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** Logical id → resource, for every resource of {@code type} (e.g. {@code AWS::IAM::Role}). */
    public Map<String, JsonNode> resources(String type) {
        var found = new LinkedHashMap<String, JsonNode>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    public JsonNode resource(String logicalId) {
        var resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new LakepipeException("Invalid reference to %s: the template has no such resource", logicalId);
        }
        return resource;
    }

    /** The template value with every intrinsic function resolved. */
    public JsonNode resolve(JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            var name = value.fieldNames().next();
            if (name.equals("Ref") || name.startsWith("Fn::")) {
                return function(name, value.get(name));
            }
        }
        if (value.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            value.fields().forEachRemaining(entry -> copy.set(entry.getKey(), resolve(entry.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            value.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return value;
    }

    public String resolveText(JsonNode value) {
        return resolve(value).asText();
    }

    /** The ARN of the role {@code roleId}. */
    public String roleArn(String roleId) {
        return getAtt(Json.MAPPER.createArrayNode().add(roleId).add("Arn"));
    }

    /** The statements of every policy attached to the role {@code roleId}: inline, {@code AWS::IAM::Policy} and customer managed. */
    public List<PolicyStatement> roleStatements(String roleId) {
        var role = resource(roleId);
        if (!role.path("Type").asText().equals("AWS::IAM::Role")) {
            throw new LakepipeException(
                    "Invalid role reference %s: it is a %s",
                    roleId, role.path("Type").asText());
        }
        var statements = new ArrayList<PolicyStatement>();
        role.path("Properties")
                .path("Policies")
                .forEach(policy -> statements.addAll(document(policy.path("PolicyDocument"))));
        for (var type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            resources(type).values().forEach(policy -> {
                for (var attached : policy.path("Properties").path("Roles")) {
                    if (attached.path("Ref").asText().equals(roleId)) {
                        statements.addAll(document(policy.path("Properties").path("PolicyDocument")));
                    }
                }
            });
        }
        return statements;
    }

    /** The statements of the bucket policy of {@code bucketName}; none when the bucket has no policy. */
    public List<PolicyStatement> bucketPolicy(String bucketName) {
        return resourcePolicy(
                "AWS::S3::BucketPolicy",
                properties -> resolveText(properties.path("Bucket")).equals(bucketName));
    }

    /**
     * The statements of the topic policies of {@code topicArn}. None when the stack sets none, and then SNS's default
     * policy applies, which this does not model; a topic policy replaces that default entirely.
     */
    public List<PolicyStatement> topicPolicy(String topicArn) {
        return resourcePolicy("AWS::SNS::TopicPolicy", properties -> {
            for (var topic : properties.path("Topics")) {
                if (resolveText(topic).equals(topicArn)) {
                    return true;
                }
            }
            return false;
        });
    }

    private List<PolicyStatement> resourcePolicy(String type, Predicate<JsonNode> appliesTo) {
        var statements = new ArrayList<PolicyStatement>();
        resources(type).values().forEach(policy -> {
            var properties = policy.path("Properties");
            if (appliesTo.test(properties)) {
                statements.addAll(document(properties.path("PolicyDocument")));
            }
        });
        return statements;
    }

    /** The id of the S3 gateway endpoint the stack creates, if it creates one. */
    public Optional<String> s3VpcEndpointId() {
        var s3 = "com.amazonaws." + region + ".s3";
        return resources("AWS::EC2::VPCEndpoint").entrySet().stream()
                .filter(entry -> resolveText(entry.getValue().path("Properties").path("ServiceName"))
                        .equals(s3))
                .map(entry -> ref(entry.getKey()))
                .findFirst();
    }

    private List<PolicyStatement> document(JsonNode document) {
        return PolicyStatement.parseDocument(resolve(document));
    }

    private JsonNode function(String name, JsonNode argument) {
        if (name.equals("Fn::Split")) {
            ArrayNode parts = Json.MAPPER.createArrayNode();
            for (var part : resolveText(argument.get(1))
                    .split(Pattern.quote(argument.get(0).asText()), -1)) {
                parts.add(part);
            }
            return parts;
        }
        return TextNode.valueOf(
                switch (name) {
                    case "Ref" -> ref(argument.asText());
                    case "Fn::GetAtt" -> getAtt(argument);
                    case "Fn::Join" -> join(argument);
                    case "Fn::Sub" -> sub(argument);
                    case "Fn::Select" ->
                        resolve(argument.get(1))
                                .get(Integer.parseInt(resolveText(argument.get(0))))
                                .asText();
                    default ->
                        throw new LakepipeException(
                                "Unsupported intrinsic function %s in template value %s; add it to StackTemplate",
                                name, argument);
                });
    }

    private String join(JsonNode argument) {
        var parts = new ArrayList<String>();
        resolve(argument.get(1)).forEach(part -> parts.add(part.asText()));
        return String.join(argument.get(0).asText(), parts);
    }

    private String sub(JsonNode argument) {
        var text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        var variables = argument.isArray() ? argument.get(1) : Json.MAPPER.createObjectNode();
        var matcher = SUB.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var variable = matcher.group(1);
            String value;
            if (variables.has(variable)) {
                value = resolveText(variables.get(variable));
            } else if (variable.contains(".")) {
                value = getAtt(Json.MAPPER
                        .createArrayNode()
                        .add(variable.substring(0, variable.indexOf('.')))
                        .add(variable.substring(variable.indexOf('.') + 1)));
            } else {
                value = ref(variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::AccountId":
                return account;
            case "AWS::Region":
                return region;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return "stack";
            default:
                break;
        }
        var parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asText();
        }
        var resource = resource(name);
        var properties = resource.path("Properties");
        return switch (resource.path("Type").asText()) {
            case "AWS::S3::Bucket" ->
                properties.has("BucketName")
                        ? resolveText(properties.get("BucketName"))
                        : name.toLowerCase(Locale.ROOT);
            case "AWS::IAM::Role" -> properties.has("RoleName") ? resolveText(properties.get("RoleName")) : name;
            case "AWS::IAM::InstanceProfile" ->
                properties.has("InstanceProfileName") ? resolveText(properties.get("InstanceProfileName")) : name;
            case "AWS::SecretsManager::Secret" ->
                "arn:aws:secretsmanager:%s:%s:secret:%s%s"
                        .formatted(
                                region,
                                account,
                                properties.has("Name") ? resolveText(properties.get("Name")) : name,
                                SECRET_SUFFIX);
            case "AWS::SNS::Topic" ->
                "arn:aws:sns:%s:%s:%s"
                        .formatted(
                                region,
                                account,
                                properties.has("TopicName") ? resolveText(properties.get("TopicName")) : name);
            case "AWS::Glue::Database" ->
                resolveText(properties.path("DatabaseInput").path("Name"));
            case "AWS::DynamoDB::Table" ->
                properties.has("TableName") ? resolveText(properties.get("TableName")) : name;
            case "AWS::Lambda::Function" ->
                properties.has("FunctionName") ? resolveText(properties.get("FunctionName")) : name;
            case "AWS::StepFunctions::StateMachine" ->
                "arn:aws:states:%s:%s:stateMachine:%s"
                        .formatted(
                                region,
                                account,
                                properties.has("StateMachineName")
                                        ? resolveText(properties.get("StateMachineName"))
                                        : name);
            case "AWS::EC2::VPCEndpoint" -> "vpce-" + name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }

    private String getAtt(JsonNode argument) {
        var id = argument.get(0).asText();
        var attribute = argument.get(1).asText();
        var type = resource(id).path("Type").asText();
        if (!attribute.equals("Arn")) {
            return "%s.%s".formatted(id, attribute);
        }
        var name = ref(id);
        return switch (type) {
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            case "AWS::IAM::Role" -> "arn:aws:iam::%s:role/%s".formatted(account, name);
            case "AWS::IAM::InstanceProfile" -> "arn:aws:iam::%s:instance-profile/%s".formatted(account, name);
            case "AWS::Lambda::Function" -> "arn:aws:lambda:%s:%s:function:%s".formatted(region, account, name);
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:%s:%s:table/%s".formatted(region, account, name);
            case "AWS::Logs::LogGroup" -> "arn:aws:logs:%s:%s:log-group:%s:*".formatted(region, account, name);
            case "AWS::SecretsManager::Secret", "AWS::SNS::Topic", "AWS::StepFunctions::StateMachine" -> name;
            default -> "arn:unresolved:%s.Arn".formatted(id);
        };
    }
}
