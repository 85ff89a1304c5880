package dev.lakepipe.cdk;

import java.util.List;
import software.amazon.awscdk.CfnCustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A custom resource that completes a fixed time after a new role: IAM is eventually consistent and has no call
 * that says when a role is usable everywhere, and DMS refuses a subnet group while {@code dms-vpc-role} is not
 * visible to it yet ("not configured properly"). Depend on {@link #resource()} instead of on the role.
 */
final class IamPropagationWait extends Construct {
    static final int SECONDS = 60;
    /** Inline code gets the cfnresponse module; every outcome answers CloudFormation, which would otherwise wait an hour. */
    static final String HANDLER = """
            import time
            import cfnresponse

            def handler(event, context):
                try:
                    if event["RequestType"] == "Create":
                        time.sleep(int(event["ResourceProperties"]["Seconds"]))
                    cfnresponse.send(event, context, cfnresponse.SUCCESS, {})
                except Exception as error:
                    cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason=str(error))
            """;

    private final CfnCustomResource resource;

    IamPropagationWait(Construct scope, String id, IRole role, Network network) {
        super(scope, id);
        var function = Function.Builder.create(this, "Function")
                .description("lakepipe: waits for IAM to propagate a new role before DMS uses it")
                .runtime(Runtime.PYTHON_3_12)
                .handler("index.handler")
                .code(Code.fromInline(HANDLER))
                .timeout(Duration.seconds(SECONDS + 30))
                .vpc(network.vpc())
                .vpcSubnets(network.subnetSelection())
                .securityGroups(List.of(network.workloadSecurityGroup()))
                .tracing(Tracing.ACTIVE)
                .logGroup(LogGroup.Builder.create(this, "Logs")
                        .retention(RetentionDays.ONE_YEAR)
                        .build())
                .build();
        resource = CfnCustomResource.Builder.create(this, "Resource")
                .serviceToken(function.getFunctionArn())
                .build();
        // The role in the properties orders the wait after it (and re-runs it if the role is replaced).
        resource.addPropertyOverride("RoleArn", role.getRoleArn());
        resource.addPropertyOverride("Seconds", SECONDS);
    }

    CfnCustomResource resource() {
        return resource;
    }
}
