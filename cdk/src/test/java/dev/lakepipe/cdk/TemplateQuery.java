package dev.lakepipe.cdk;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.assertions.Template;

/** Plain-map access to a synthesized template, for checks that span resources. */
final class TemplateQuery {
    private TemplateQuery() {}

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** The logical id of the one resource of {@code type} whose id starts with {@code prefix}. */
    static String logicalId(Template template, String type, String prefix) {
        var ids = resources(template, type).keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("Expected one %s with id %s*, found %s".formatted(type, prefix, ids));
        }
        return ids.get(0);
    }

    /** Every IAM statement of inline policies and roles' inline policies. */
    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> statements(Template template) {
        var policies = resources(template, "AWS::IAM::Policy").values().stream()
                .map(resource -> (Map<String, Object>) properties(resource).get("PolicyDocument"));
        var bucketPolicies = resources(template, "AWS::S3::BucketPolicy").values().stream()
                .map(resource -> (Map<String, Object>) properties(resource).get("PolicyDocument"));
        return Stream.concat(policies, bucketPolicies)
                .flatMap(document -> ((List<Map<String, Object>>) document.get("Statement")).stream());
    }

    /** Statements of the inline policy attached to the role whose logical id starts with {@code rolePrefix}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> roleStatements(Template template, String rolePrefix) {
        var roleId = logicalId(template, "AWS::IAM::Role", rolePrefix);
        return resources(template, "AWS::IAM::Policy").values().stream()
                .map(TemplateQuery::properties)
                .filter(policy -> ((List<Object>) policy.get("Roles")).contains(Map.of("Ref", roleId)))
                .flatMap(policy -> ((List<Map<String, Object>>)
                                ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement"))
                        .stream())
                .toList();
    }

    static List<String> list(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
