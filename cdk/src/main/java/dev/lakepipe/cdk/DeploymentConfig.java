package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.deploy.StackNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The validated deployment parameters (see {@link ContextKey} for each key, default and meaning).
 * Built by {@link DeploymentConfigParser}; the stacks read nothing else.
 */
public record DeploymentConfig(
        String useCase,
        String configIdentifier,
        NetworkConfig network,
        String opsEmailAddress,
        Database database,
        Optional<Dms> dms,
        boolean createDmsVpcRole,
        Optional<Consumption> consumption,
        Schedules schedules,
        Retention retention,
        AlarmThresholds alarms,
        Optional<String> bucketNamePrefix,
        List<String> adminPrincipalArns,
        List<String> lakeFormationAdminArns,
        Launcher launcher,
        Path stateMachinesDir) {

    public DeploymentConfig {
        requireNonNull(useCase, "useCase is null");
        requireNonNull(configIdentifier, "configIdentifier is null");
        requireNonNull(network, "network is null");
        requireNonNull(opsEmailAddress, "opsEmailAddress is null");
        requireNonNull(database, "database is null");
        requireNonNull(dms, "dms is null");
        requireNonNull(consumption, "consumption is null");
        requireNonNull(schedules, "schedules is null");
        requireNonNull(retention, "retention is null");
        requireNonNull(alarms, "alarms is null");
        requireNonNull(bucketNamePrefix, "bucketNamePrefix is null");
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        lakeFormationAdminArns = List.copyOf(lakeFormationAdminArns);
        requireNonNull(launcher, "launcher is null");
        requireNonNull(stateMachinesDir, "stateMachinesDir is null");
    }

    /** The names the stack creates for this use case (secrets, Glue database, buckets, stack). */
    public StackNames names() {
        return new StackNames(useCase);
    }

    /** The source database and the users of Spark (JDBC loads) and DMS (CDC). */
    public record Database(String endpoint, String name, String engine, int port, String sparkUser, String dmsUser) {
        public Database {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(name, "name is null");
            requireNonNull(engine, "engine is null");
            requireNonNull(sparkUser, "sparkUser is null");
            requireNonNull(dmsUser, "dmsUser is null");
        }
    }

    /** The optional DMS CDC infrastructure. */
    public record Dms(String instanceClass, String certificateArn, List<String> schemas) {
        public Dms {
            requireNonNull(instanceClass, "instanceClass is null");
            requireNonNull(certificateArn, "certificateArn is null");
            schemas = List.copyOf(schemas);
        }
    }

    /** The optional consumption layer: Athena workgroup and QuickSight data source. */
    public record Consumption(String quickSightPrincipalArn) {
        public Consumption {
            requireNonNull(quickSightPrincipalArn, "quickSightPrincipalArn is null");
        }
    }

    /** EventBridge schedule expressions of the two rules. */
    public record Schedules(String fullLoad, String incremental) {
        public Schedules {
            requireNonNull(fullLoad, "fullLoad is null");
            requireNonNull(incremental, "incremental is null");
        }
    }

    /** S3 lifecycle: days CDC files and noncurrent versions are kept. */
    public record Retention(int cdcDays, int noncurrentVersionDays) {}

    /** Seconds past which the lag alarm and the DMS latency alarm fire. */
    public record AlarmThresholds(int lagSeconds, int dmsLatencySeconds) {}

    /** The launcher Lambda's jar and handler. */
    public record Launcher(Path jar, String handler) {
        public Launcher {
            requireNonNull(jar, "jar is null");
            requireNonNull(handler, "handler is null");
        }
    }
}
