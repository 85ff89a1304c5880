package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.deploy.SsmParameterNames;
import dev.lakepipe.deploy.SsmParameterNames.ScheduledPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The orchestration: one state machine per {@code state-machines/*.asl.json} (deployed unchanged,
 * with DefinitionSubstitutions), logged and traced; its role (EMR .sync, scoped iam:PassRole, SNS,
 * the launcher for next_pipeline); the
 * launcher Lambda; the jdbc_load and incremental_hudi schedules, created disabled; the SSM
 * parameters the {@code lakepipe aws} commands read.
 */
public final class Pipeline extends Construct {
    /** The state machine the schedules start (through the launcher) and {@code ${StateMachineArn}} names. */
    public static final String MAIN_STATE_MACHINE = "pipeline";
    /** EventBridge rules that Step Functions manages for the EMR .sync integrations. */
    static final List<String> EMR_SYNC_RULES = List.of(
            "StepFunctionsGetEventForEMRRunJobFlowRule",
            "StepFunctionsGetEventForEMRAddJobFlowStepsRule",
            "StepFunctionsGetEventForEMRTerminateJobFlowsRule");

    static final List<String> EMR_CLUSTER_ACTIONS = List.of(
            "elasticmapreduce:DescribeCluster",
            "elasticmapreduce:TerminateJobFlows",
            "elasticmapreduce:AddJobFlowSteps",
            "elasticmapreduce:DescribeStep",
            "elasticmapreduce:CancelSteps",
            "elasticmapreduce:SetTerminationProtection",
            "elasticmapreduce:AddTags");

    /** The cluster tag RunJobFlow must set (state-machines/*.asl.json, {@code ${UseCase}}) and later actions require. */
    static final String USE_CASE_TAG = "lakepipe:use-case";

    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    private final Map<ScheduledPipeline, Rule> rules = new LinkedHashMap<>();
    private final Role stateMachineRole;
    private final LauncherFunction launcher;

    public Pipeline(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        var definitions = StateMachineDefinition.readAll(config.stateMachinesDir());
        var names = new LinkedHashMap<String, String>();
        definitions.forEach(definition -> names.put(definition.name(), stateMachineName(config, definition)));
        var mainName = names.getOrDefault(MAIN_STATE_MACHINE, stateMachineName(config, MAIN_STATE_MACHINE));
        var mainArn = stateMachineArn(mainName);
        launcher = new LauncherFunction(this, "Launcher", props, mainArn, arn("execution", mainName + ":*"));
        stateMachineRole = stateMachineRole(props, launcher);
        var substitutions = substitutions(props, launcher, names, mainArn);
        var logGroup = LogGroup.Builder.create(this, "StateMachineLogs")
                .logGroupName("/aws/vendedlogs/states/lakepipe-" + config.useCase())
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (var definition : definitions) {
            definition.requireKnownPlaceholders(substitutions.keySet());
            var used = new LinkedHashMap<String, String>();
            definition.placeholders().stream().sorted().forEach(name -> used.put(name, substitutions.get(name)));
            stateMachines.put(
                    definition.name(),
                    StateMachine.Builder.create(this, definition.title() + "StateMachine")
                            .stateMachineName(names.get(definition.name()))
                            .definitionBody(DefinitionBody.fromString(definition.text()))
                            .definitionSubstitutions(used)
                            .role(stateMachineRole)
                            .tracingEnabled(true)
                            .logs(LogOptions.builder()
                                    .destination(logGroup)
                                    .level(LogLevel.ALL)
                                    .includeExecutionData(true)
                                    .build())
                            .build());
        }
        var parameters = new SsmParameterNames(config.useCase());
        schedule(ScheduledPipeline.JDBC_LOAD, config.schedules().fullLoad(), config.configIdentifier(), parameters);
        schedule(
                ScheduledPipeline.INCREMENTAL_HUDI,
                config.schedules().incremental(),
                config.configIdentifier(),
                parameters);
        parameter(
                "ArtifactsBucketParameter",
                parameters.artifactsBucket(),
                props.lake().bucket(Zone.ARTIFACTS).getBucketName());
        parameter("StateMachineArnParameter", parameters.stateMachineArn(), mainArn);
    }

    /** The values of every {@code ${Placeholder}} a state machine may use. */
    private Map<String, String> substitutions(
            Props props, LauncherFunction launcher, Map<String, String> names, String mainArn) {
        var lake = props.lake();
        var values = new LinkedHashMap<String, String>();
        for (var zone : Zone.values()) {
            values.put(zone.title() + "Bucket", lake.bucket(zone).getBucketName());
        }
        values.put("ConfigTable", props.runtime().configTable().getTableName());
        values.put("SnsTopicArn", props.runtime().topic().getTopicArn());
        values.put("SparkSecretArn", props.runtime().sparkSecret().getSecretArn());
        values.put("LauncherFunctionArn", launcher.function().getFunctionArn());
        values.put("LauncherFunctionName", launcher.function().getFunctionName());
        values.put("EmrServiceRole", props.emrRoles().serviceRole().getRoleName());
        values.put("EmrSecurityConfiguration", props.emrSecurity().name());
        for (var zone : EmrRoles.JOB_ZONES) {
            values.put(
                    zone.title() + "JobFlowRole",
                    props.emrRoles().instanceProfile(zone).getRef());
        }
        values.put("SubnetIds", Fn.join(",", props.network().subnetIds()));
        for (int i = 0; i < props.network().subnetIds().size(); i++) {
            values.put("SubnetId" + (i + 1), props.network().subnetIds().get(i));
        }
        values.put("GlueDatabase", props.glueDatabase());
        values.put("EmrStepsJar", "s3://" + lake.bucket(Zone.ARTIFACTS).getBucketName() + "/jars/emr-steps.jar");
        values.put("EmrLogUri", "s3://" + lake.bucket(Zone.LOGS).getBucketName() + "/emr/");
        values.put("UseCase", props.config().useCase());
        values.put("ConfigIdentifier", props.config().configIdentifier());
        values.put("AwsRegion", Stack.of(this).getRegion());
        values.put("AwsAccountId", Stack.of(this).getAccount());
        values.put("StateMachineArn", mainArn);
        names.forEach((file, name) ->
                values.put(StateMachineDefinition.title(file) + "StateMachineArn", stateMachineArn(name)));
        return values;
    }

    private Role stateMachineRole(Props props, LauncherFunction launcher) {
        var role = Role.Builder.create(this, "StateMachineRole")
                .assumedBy(new ServicePrincipal("states.amazonaws.com"))
                .description("lakepipe state machines: EMR clusters and steps, notifications, next pipeline")
                .build();
        var stack = Stack.of(this);
        // RunJobFlow has no cluster to scope to yet: it must tag the new cluster with this use case, and every
        // later action is allowed only on clusters carrying that tag, i.e. the ones these state machines created.
        var useCase = props.config().useCase();
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("RunTaggedClusters")
                .actions(List.of("elasticmapreduce:RunJobFlow"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("elasticmapreduce:RequestTag/" + USE_CASE_TAG, useCase)))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ManageOwnClusters")
                .actions(EMR_CLUSTER_ACTIONS)
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("elasticmapreduce")
                        .resource("cluster")
                        .resourceName("*")
                        .build())))
                .conditions(Map.of("StringEquals", Map.of("elasticmapreduce:ResourceTag/" + USE_CASE_TAG, useCase)))
                .build());
        role.addToPolicy(statement(
                List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
                EMR_SYNC_RULES.stream()
                        .map(rule -> stack.formatArn(ArnComponents.builder()
                                .service("events")
                                .resource("rule")
                                .resourceName(rule)
                                .build()))
                        .toList()));
        var passable = new ArrayList<String>();
        passable.add(props.emrRoles().serviceRole().getRoleArn());
        EmrRoles.JOB_ZONES.forEach(
                zone -> passable.add(props.emrRoles().jobFlowRole(zone).getRoleArn()));
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PassEmrRoles")
                .actions(List.of("iam:PassRole"))
                .resources(passable)
                .conditions(Map.of(
                        "StringEquals",
                        Map.of("iam:PassedToService", List.of("elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"))))
                .build());
        // next_pipeline goes through the launcher (validation, concurrency, snapshot), never straight to
        // StartExecution.
        launcher.function().grantInvoke(role);
        props.runtime().grantPublish(role);
        return role;
    }

    private void schedule(
            ScheduledPipeline pipeline, String expression, String identifier, SsmParameterNames parameters) {
        var title = StateMachineDefinition.title(pipeline.pipelineType());
        var rule = Rule.Builder.create(this, title + "Schedule")
                .description("lakepipe %s of %s; created disabled, enable with `make enable_%s`"
                        .formatted(
                                pipeline.pipelineType(),
                                identifier,
                                pipeline == ScheduledPipeline.JDBC_LOAD ? "jdbc" : "incremental"))
                .schedule(Schedule.expression(expression))
                .enabled(false)
                .targets(List.of(LambdaFunction.Builder.create(launcher.function())
                        .event(RuleTargetInput.fromObject(
                                Map.of("identifier", identifier, "pipeline", pipeline.pipelineType())))
                        .retryAttempts(2)
                        .build()))
                .build();
        rules.put(pipeline, rule);
        parameter(title + "RuleParameter", parameters.rule(pipeline), rule.getRuleName());
    }

    private void parameter(String id, String name, String value) {
        StringParameter.Builder.create(this, id)
                .parameterName(name)
                .stringValue(value)
                .description("lakepipe deployment value read by `lakepipe aws`")
                .build();
    }

    private static PolicyStatement statement(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(resources)
                .build();
    }

    private String stateMachineArn(String name) {
        return arn("stateMachine", name);
    }

    private String arn(String resource, String name) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("states")
                        .resource(resource)
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .resourceName(name)
                        .build());
    }

    private static String stateMachineName(DeploymentConfig config, StateMachineDefinition definition) {
        return stateMachineName(config, definition.name());
    }

    private static String stateMachineName(DeploymentConfig config, String file) {
        return config.names().stackName() + "-" + file;
    }

    public Map<String, StateMachine> stateMachines() {
        return Map.copyOf(stateMachines);
    }

    public Rule rule(ScheduledPipeline pipeline) {
        return rules.get(pipeline);
    }

    public Role stateMachineRole() {
        return stateMachineRole;
    }

    public LauncherFunction launcher() {
        return launcher;
    }

    /** What the pipeline is wired to. */
    public record Props(
            DeploymentConfig config,
            Network network,
            DataLake lake,
            RuntimeServices runtime,
            EmrRoles emrRoles,
            EmrSecurity emrSecurity,
            String glueDatabase) {
        public Props {
            requireNonNull(config, "config is null");
            requireNonNull(network, "network is null");
            requireNonNull(lake, "lake is null");
            requireNonNull(runtime, "runtime is null");
            requireNonNull(emrRoles, "emrRoles is null");
            requireNonNull(emrSecurity, "emrSecurity is null");
            requireNonNull(glueDatabase, "glueDatabase is null");
        }
    }
}
