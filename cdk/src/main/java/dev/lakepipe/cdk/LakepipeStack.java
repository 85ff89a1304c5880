package dev.lakepipe.cdk;

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
        var network = new Network(this, "Network", config.network(), config.database().port());
        lake = new DataLake(this, "DataLake", config, network.s3VpcEndpointId());
        var runtime = new RuntimeServices(this, "Runtime", config);
        var emrRoles = new EmrRoles(this, "EmrRoles", lake, runtime.sparkSecret(), config.useCase());
        var catalog = new Catalog(this, "Catalog", config, lake, emrRoles);
        pipeline = new Pipeline(this, "Pipeline", new Pipeline.Props(config, network, lake, runtime, emrRoles, catalog.databaseName()));
        config.dms().ifPresent(dms -> new Dms(this, "Dms", config, dms, network, lake.bucket(Zone.BRONZE), runtime.dmsSecret()));
        config.consumption().ifPresent(consumption -> new Consumption(this, "Consumption", config, consumption, lake.bucket(Zone.LOGS), catalog));
    }

    /** {@code lakepipe-<use case>} with underscores as dashes (stack names allow no underscore). */
    public static String nameFor(DeploymentConfig config) {
        return "lakepipe-" + config.useCase().replace('_', '-');
    }

    public DataLake lake() {
        return lake;
    }

    public Pipeline pipeline() {
        return pipeline;
    }
}
