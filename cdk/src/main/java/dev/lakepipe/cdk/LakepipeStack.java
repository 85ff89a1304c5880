package dev.lakepipe.cdk;

import dev.lakepipe.deploy.StackOutput;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/** The whole deployment of one use case, one construct per concern. */
public final class LakepipeStack extends Stack {
    private final DataLake lake;
    private final Pipeline pipeline;

    public LakepipeStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        Tags.of(this).add("lakepipe:use-case", config.useCase());
        var network =
                new Network(this, "Network", config.network(), config.database().port());
        lake = new DataLake(this, "DataLake", config, network.s3VpcEndpointId());
        var runtime = new RuntimeServices(this, "Runtime", config);
        var emrRoles = new EmrRoles(
                this, "EmrRoles", lake, runtime.sparkSecret(), config.names().glueDatabase());
        var emrSecurity = new EmrSecurity(this, "EmrSecurity", config, emrRoles);
        var catalog = new Catalog(this, "Catalog", config, lake, emrRoles);
        pipeline = new Pipeline(
                this,
                "Pipeline",
                new Pipeline.Props(config, network, lake, runtime, emrRoles, emrSecurity, catalog.databaseName()));
        var dms = config.dms()
                .map(settings ->
                        new Dms(this, "Dms", config, settings, network, lake.bucket(Zone.BRONZE), runtime.dmsSecret()));
        new Alarms(this, "Alarms", config, runtime.topic(), pipeline.stateMachines(), dms);
        config.consumption()
                .ifPresent(consumption ->
                        new Consumption(this, "Consumption", config, consumption, lake.bucket(Zone.LOGS), catalog));
        output(StackOutput.USE_CASE, config.useCase());
        output(StackOutput.CONFIG_IDENTIFIER, config.configIdentifier());
        output(StackOutput.SPARK_SECRET, config.names().sparkSecret());
        output(StackOutput.GLUE_DATABASE, catalog.databaseName());
        output(StackOutput.SOURCE_DATABASE, config.database().name());
    }

    /** The names a config must match, for {@code lakepipe configs validate --stack} (template or deployed stack). */
    private void output(StackOutput output, String value) {
        CfnOutput.Builder.create(this, output.key()).value(value).build();
    }

    /** {@code lakepipe-<use case>} with underscores as dashes (stack names allow no underscore). */
    public static String nameFor(DeploymentConfig config) {
        return config.names().stackName();
    }

    public DataLake lake() {
        return lake;
    }

    public Pipeline pipeline() {
        return pipeline;
    }
}
