package dev.lakepipe.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The launcher Lambda (Java 17, the launcher module's jar): reads and validates the identifier's
 * configs, checks concurrency, writes the runtime snapshot to the artifacts bucket and starts the
 * pipeline state machine. Runs in the private subnets, so its S3 calls go through the endpoint.
 */
public final class LauncherFunction extends Construct {
    /** Environment variables the launcher reads (dev.lakepipe.launcher.LauncherSettings). */
    static final String ENV_CONFIG_TABLE = "LAKEPIPE_CONFIG_TABLE";

    static final String ENV_STATE_MACHINE_ARN = "LAKEPIPE_STATE_MACHINE_ARN";
    static final String ENV_SNS_TOPIC_ARN = "LAKEPIPE_SNS_TOPIC_ARN";
    static final String ENV_SOURCE_DATABASE = "LAKEPIPE_SOURCE_DATABASE";
    /** {@code LAKEPIPE_<ZONE>_BUCKET}: bucket names without {@code s3://}. */
    static final String ENV_BUCKET_FORMAT = "LAKEPIPE_%s_BUCKET";

    private final Function function;

    public LauncherFunction(
            Construct scope, String id, Pipeline.Props props, String stateMachineArn, String executionArns) {
        super(scope, id);
        var lake = props.lake();
        var runtime = props.runtime();
        var environment = new LinkedHashMap<String, String>();
        environment.put(ENV_CONFIG_TABLE, runtime.configTable().getTableName());
        environment.put(ENV_STATE_MACHINE_ARN, stateMachineArn);
        environment.put(ENV_SNS_TOPIC_ARN, runtime.topic().getTopicArn());
        // The database the DMS task captures and names its folder after: deltastreamer plans need no secret for it.
        environment.put(ENV_SOURCE_DATABASE, props.config().database().name());
        for (var zone : List.of(Zone.BRONZE, Zone.SILVER, Zone.GOLD, Zone.ARTIFACTS)) {
            environment.put(
                    ENV_BUCKET_FORMAT.formatted(zone.name()), lake.bucket(zone).getBucketName());
        }
        function = Function.Builder.create(this, "Function")
                .description("lakepipe launcher: validate configs, check concurrency, snapshot, start the pipeline")
                .runtime(Runtime.JAVA_17)
                .architecture(Architecture.X86_64)
                .handler(props.config().launcher().handler())
                .code(Code.fromAsset(props.config().launcher().jar().toString()))
                .memorySize(1024)
                .timeout(Duration.minutes(5))
                .environment(environment)
                .vpc(props.network().vpc())
                .vpcSubnets(props.network().subnetSelection())
                .securityGroups(List.of(props.network().workloadSecurityGroup()))
                .tracing(Tracing.ACTIVE)
                .logGroup(LogGroup.Builder.create(this, "Logs")
                        .retention(RetentionDays.ONE_YEAR)
                        .build())
                .build();
        var role = function.getRole();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
                .resources(List.of(runtime.configTable().getTableArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution", "states:ListExecutions"))
                .resources(List.of(stateMachineArn))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:DescribeExecution"))
                .resources(List.of(executionArns))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject"))
                .resources(List.of(lake.bucket(Zone.ARTIFACTS).arnForObjects("runtime/*")))
                .build());
        runtime.grantPublish(role);
    }

    public Function function() {
        return function;
    }
}
