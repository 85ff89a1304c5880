package dev.lakepipe.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lakeformation.CfnDataLakeSettings;
import software.amazon.awscdk.services.lakeformation.CfnPermissions;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue database of the use case and its Lake Formation governance: admins, no IAMAllowedPrincipals
 * defaults, the silver and gold locations registered, and grants per role (writers: the silver and
 * gold job-flow roles; readers: the consumption principal).
 */
public final class Catalog extends Construct {
    static final List<String> WRITER_TABLE_PERMISSIONS =
            List.of("SELECT", "INSERT", "DELETE", "DESCRIBE", "ALTER", "DROP");
    static final List<String> WRITER_DATABASE_PERMISSIONS = List.of("CREATE_TABLE", "ALTER", "DESCRIBE");
    static final List<String> READER_TABLE_PERMISSIONS = List.of("SELECT", "DESCRIBE");

    private final String databaseName;
    private final CfnDatabase database;
    private final List<CfnResource> grantDependencies = new ArrayList<>();

    public Catalog(Construct scope, String id, DeploymentConfig config, DataLake lake, EmrRoles emrRoles) {
        super(scope, id);
        databaseName = config.names().glueDatabase();
        var account = Stack.of(this).getAccount();
        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(account)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("lakepipe silver and gold Hudi tables of " + config.useCase())
                        .build())
                .build();
        grantDependencies.add(database);
        grantDependencies.add(settings(config));
        for (var zone : DataLake.LAKE_FORMATION_ZONES) {
            var location = registerLocation(
                    zone, lake.bucket(zone), lake.lakeFormationRole().getRoleArn());
            var writer = emrRoles.jobFlowRole(zone);
            grant(zone.title() + "WriterDatabase", writer, databaseResource(), WRITER_DATABASE_PERMISSIONS);
            grant(zone.title() + "WriterTables", writer, tablesResource(), WRITER_TABLE_PERMISSIONS);
            // Granting on a location that is not registered yet fails: wait for the registration.
            grant(
                            zone.title() + "WriterLocation",
                            writer,
                            CfnPermissions.ResourceProperty.builder()
                                    .dataLocationResource(CfnPermissions.DataLocationResourceProperty.builder()
                                            .catalogId(account)
                                            .s3Resource(lake.bucket(zone).getBucketArn())
                                            .build())
                                    .build(),
                            List.of("DATA_LOCATION_ACCESS"))
                    .addDependency(location);
        }
    }

    /**
     * CloudFormation creates the grants as the CDK execution role, which must therefore be a Lake Formation admin;
     * APPEND adds it (and LakeFormationAdminArns) to the account's admins instead of replacing them.
     */
    private CfnDataLakeSettings settings(DeploymentConfig config) {
        var admins = new ArrayList<String>();
        admins.add(cloudFormationExecutionRoleArn());
        admins.addAll(config.lakeFormationAdminArns());
        var settings = CfnDataLakeSettings.Builder.create(this, "Settings")
                .mutationType("APPEND")
                .admins(admins.stream().map(Catalog::principal).toList());
        if (!config.lakeFormationAdminArns().isEmpty()) {
            // New databases and tables get no IAMAllowedPrincipals grant: Lake Formation permissions decide.
            settings.createDatabaseDefaultPermissions(List.of()).createTableDefaultPermissions(List.of());
        }
        return settings.build();
    }

    private String cloudFormationExecutionRoleArn() {
        if (Stack.of(this).getSynthesizer() instanceof DefaultStackSynthesizer synthesizer) {
            // The synthesizer gives it with ${AWS::AccountId}-style placeholders, as in the bootstrap template.
            return Fn.sub(synthesizer.getCloudFormationExecutionRoleArn());
        }
        throw new IllegalStateException(
                "Cannot name the CloudFormation execution role: the stack needs the DefaultStackSynthesizer (cdk bootstrap)");
    }

    /** Read-only access to every table of the database, for Athena / QuickSight users. */
    public void grantRead(String id, String principalArn) {
        grant(id, principalArn, tablesResource(), READER_TABLE_PERMISSIONS);
        grant(id + "Database", principalArn, databaseResource(), List.of("DESCRIBE"));
    }

    private CfnResource registerLocation(Zone zone, IBucket bucket, String roleArn) {
        return software.amazon.awscdk.services.lakeformation.CfnResource.Builder.create(this, zone.title() + "Location")
                .resourceArn(bucket.getBucketArn())
                .roleArn(roleArn)
                .useServiceLinkedRole(false)
                .build();
    }

    private CfnPermissions.ResourceProperty databaseResource() {
        return CfnPermissions.ResourceProperty.builder()
                .databaseResource(CfnPermissions.DatabaseResourceProperty.builder()
                        .catalogId(Stack.of(this).getAccount())
                        .name(databaseName)
                        .build())
                .build();
    }

    private CfnPermissions.ResourceProperty tablesResource() {
        return CfnPermissions.ResourceProperty.builder()
                .tableResource(CfnPermissions.TableResourceProperty.builder()
                        .catalogId(Stack.of(this).getAccount())
                        .databaseName(databaseName)
                        .tableWildcard(
                                CfnPermissions.TableWildcardProperty.builder().build())
                        .build())
                .build();
    }

    private CfnPermissions grant(
            String id, IRole role, CfnPermissions.ResourceProperty resource, List<String> permissions) {
        return grant(id, role.getRoleArn(), resource, permissions);
    }

    private CfnPermissions grant(
            String id, String principalArn, CfnPermissions.ResourceProperty resource, List<String> permissions) {
        var permission = CfnPermissions.Builder.create(this, id + "Grant")
                .dataLakePrincipal(CfnPermissions.DataLakePrincipalProperty.builder()
                        .dataLakePrincipalIdentifier(principalArn)
                        .build())
                .resource(resource)
                .permissions(permissions)
                .build();
        grantDependencies.forEach(permission::addDependency);
        return permission;
    }

    private static CfnDataLakeSettings.DataLakePrincipalProperty principal(String arn) {
        return CfnDataLakeSettings.DataLakePrincipalProperty.builder()
                .dataLakePrincipalIdentifier(arn)
                .build();
    }

    public String databaseName() {
        return databaseName;
    }

    public CfnDatabase database() {
        return database;
    }
}
