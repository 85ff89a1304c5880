package dev.lakepipe.cdk;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.quicksight.CfnDataSource;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The optional consumption layer: an Athena workgroup whose settings users cannot override
 * (encrypted results in the logs bucket) and a QuickSight data source on it, readable by the
 * configured QuickSight principal through Lake Formation.
 */
public final class Consumption extends Construct {
    static final String RESULTS_PREFIX = "athena-results/";
    static final List<String> DATA_SOURCE_ACTIONS = List.of(
            "quicksight:DescribeDataSource",
            "quicksight:DescribeDataSourcePermissions",
            "quicksight:PassDataSource",
            "quicksight:UpdateDataSource",
            "quicksight:DeleteDataSource",
            "quicksight:UpdateDataSourcePermissions");

    private final CfnWorkGroup workGroup;

    public Consumption(
            Construct scope,
            String id,
            DeploymentConfig config,
            DeploymentConfig.Consumption consumption,
            IBucket resultsBucket,
            Catalog catalog) {
        super(scope, id);
        var name = config.names().stackName();
        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(name)
                .description("lakepipe " + config.useCase() + ": queries of the silver and gold Hudi tables")
                .recursiveDeleteOption(false)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + resultsBucket.getBucketName() + "/" + RESULTS_PREFIX)
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3")
                                        .build())
                                .build())
                        .build())
                .build();
        CfnDataSource.Builder.create(this, "QuickSightDataSource")
                .awsAccountId(Stack.of(this).getAccount())
                .dataSourceId(name + "-athena")
                .name(name + " (Athena)")
                .type("ATHENA")
                .dataSourceParameters(CfnDataSource.DataSourceParametersProperty.builder()
                        .athenaParameters(CfnDataSource.AthenaParametersProperty.builder()
                                .workGroup(workGroup.getName())
                                .build())
                        .build())
                .sslProperties(CfnDataSource.SslPropertiesProperty.builder()
                        .disableSsl(false)
                        .build())
                .permissions(List.of(CfnDataSource.ResourcePermissionProperty.builder()
                        .principal(consumption.quickSightPrincipalArn())
                        .actions(DATA_SOURCE_ACTIONS)
                        .build()))
                .build()
                .addDependency(workGroup);
        catalog.grantRead("QuickSightReader", consumption.quickSightPrincipalArn());
    }

    public CfnWorkGroup workGroup() {
        return workGroup;
    }
}
