package dev.lakepipe.access;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.iam.AccessRequest;
import dev.lakepipe.iam.Decision;
import dev.lakepipe.iam.PolicyEvaluator;
import dev.lakepipe.iam.PolicyStatement;
import dev.lakepipe.iam.StackTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Checks recorded accesses against a synthesized stack: each access is evaluated as the role its principal maps to
 * would be (the role's policies plus, for S3, the bucket policy), as a call from inside the VPC through the stack's
 * S3 endpoint over TLS. Every access the stack would refuse is a {@link Violation} naming the step, the action, the
 * resource and what is missing.
 */
public final class AccessContract {

    private final StackTemplate stack;
    private final Map<String, String> roleOfPrincipal;
    private final UnaryOperator<String> renames;
    private final String s3VpcEndpoint;
    private final Map<String, List<PolicyStatement>> roleStatements = new LinkedHashMap<>();

    /**
     * @param roleOfPrincipal recorded principal (e.g. the local instance profile name) → logical id of its IAM role
     * @param renames applied to a resource ARN after the account and region are mapped (a name the local run and
     *     the stack spell differently); identity when they agree
     * @param s3VpcEndpoint the {@code aws:SourceVpce} of calls from the VPC
     */
    public AccessContract(
            StackTemplate stack,
            Map<String, String> roleOfPrincipal,
            UnaryOperator<String> renames,
            String s3VpcEndpoint) {
        this.stack = requireNonNull(stack, "stack is null");
        this.roleOfPrincipal = Map.copyOf(roleOfPrincipal);
        this.renames = requireNonNull(renames, "renames is null");
        this.s3VpcEndpoint = requireNonNull(s3VpcEndpoint, "s3VpcEndpoint is null");
    }

    /** What the stack would refuse, one violation per distinct access. */
    public List<Violation> check(Collection<Access> accesses) {
        var violations = new ArrayList<Violation>();
        for (var access : accesses) {
            var role = roleOfPrincipal.get(access.principal());
            if (role == null) {
                violations.add(new Violation(
                        access,
                        "?",
                        access.resource(),
                        new Decision.ImplicitDeny(),
                        "principal %s has no role in the stack; known: %s"
                                .formatted(access.principal(), new TreeMap<>(roleOfPrincipal))));
                continue;
            }
            var resource = resource(access.resource());
            var request = new AccessRequest(access.action(), resource, stack.roleArn(role), context(access));
            var decision = PolicyEvaluator.evaluate(request, statements(role), bucketPolicy(resource));
            if (!decision.allowed()) {
                violations.add(new Violation(access, role, resource, decision, reason(decision, access, resource)));
            }
        }
        return violations;
    }

    private List<PolicyStatement> statements(String role) {
        return roleStatements.computeIfAbsent(role, stack::roleStatements);
    }

    private List<PolicyStatement> bucketPolicy(String resource) {
        if (!resource.startsWith("arn:aws:s3:::")) {
            return List.of();
        }
        var path = resource.substring("arn:aws:s3:::".length());
        var slash = path.indexOf('/');
        return stack.bucketPolicy(slash < 0 ? path : path.substring(0, slash));
    }

    private Map<String, List<String>> context(Access access) {
        var context = new LinkedHashMap<String, List<String>>();
        context.put("aws:SourceVpce", List.of(s3VpcEndpoint));
        context.put("aws:SecureTransport", List.of("true"));
        context.put("s3:TlsVersion", List.of("1.2"));
        context.put("aws:PrincipalIsAWSService", List.of("false"));
        access.context().forEach((key, value) -> context.put(key, List.of(value)));
        return context;
    }

    /** The stack's spelling of a recorded ARN: its account and region, a secret's full ARN, then the renames. */
    private String resource(String recorded) {
        var local = ":" + AwsArns.LOCAL_REGION + ":" + AwsArns.LOCAL_ACCOUNT + ":";
        var resource = renames.apply(recorded.replace(local, ":" + stack.region() + ":" + stack.account() + ":"));
        var secretPrefix = "arn:aws:secretsmanager:%s:%s:secret:".formatted(stack.region(), stack.account());
        if (resource.startsWith(secretPrefix)) {
            var name = resource.substring(secretPrefix.length());
            return secretArn(name).orElse(resource);
        }
        return resource;
    }

    private Optional<String> secretArn(String name) {
        return stack.resources("AWS::SecretsManager::Secret").values().stream()
                .filter(secret -> stack.resolveText(secret.path("Properties").path("Name"))
                        .equals(name))
                .map(secret -> name)
                .findFirst()
                .map(found -> "arn:aws:secretsmanager:%s:%s:secret:%s%s"
                        .formatted(stack.region(), stack.account(), found, StackTemplate.SECRET_SUFFIX));
    }

    private static String reason(Decision decision, Access access, String resource) {
        if (decision instanceof Decision.ExplicitDeny deny) {
            return "denied explicitly by " + deny.by().describe();
        }
        var condition = access.context().isEmpty() ? "" : " (request context " + new TreeMap<>(access.context()) + ")";
        return "no statement allows it; missing: Allow %s on %s%s".formatted(access.action(), resource, condition);
    }

    /** One refused access: which step, as which role, what, and why. */
    public record Violation(Access access, String role, String resource, Decision decision, String reason) {

        public String message() {
            return "%s as role %s (%s): %s %s: %s"
                    .formatted(access.step(), role, access.principal(), access.action(), resource, reason);
        }
    }
}
