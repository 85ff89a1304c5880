package dev.lakepipe.cdk;

import static dev.lakepipe.cdk.ContextKey.*;
import static java.util.Objects.requireNonNull;

import dev.lakepipe.deploy.StackNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@link DeploymentConfig} from CDK context. Values may be strings ({@code -c Key=value}) or
 * JSON booleans/numbers ({@code cdk.json}). Every problem is collected, then reported at once.
 */
public final class DeploymentConfigParser {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/(1[6-9]|2[0-2])");
    private static final Pattern VPC_ID_REGEX = Pattern.compile("vpc-[0-9a-f]+");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]+");
    private static final Pattern VPCE_ID = Pattern.compile("vpce-[0-9a-f]+");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:.*");
    private static final Pattern BUCKET_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{2,52}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Function<String, Object> context;
    private final Path repositoryRoot;
    private final List<String> problems = new ArrayList<>();

    private DeploymentConfigParser(Function<String, Object> context, Path repositoryRoot) {
        this.context = requireNonNull(context, "context is null");
        this.repositoryRoot = requireNonNull(repositoryRoot, "repositoryRoot is null");
    }

    /**
     * @param context CDK context lookup ({@code node::tryGetContext}), {@code null} for an unset key
     * @param repositoryRoot where {@code state-machines/} and {@code launcher/target/} are
     * @throws InvalidContextException naming every invalid or missing key and how to set it
     */
    public static DeploymentConfig parse(Function<String, Object> context, Path repositoryRoot) {
        return new DeploymentConfigParser(context, repositoryRoot).parse();
    }

    private DeploymentConfig parse() {
        var useCase = required(USE_CASE, StackNames.USE_CASE);
        var configIdentifier = optional(CONFIG_IDENTIFIER).orElse(useCase);
        check(
                configIdentifier == null || IDENTIFIER.matcher(configIdentifier).matches(),
                CONFIG_IDENTIFIER,
                configIdentifier,
                "letters, digits, '_', '.', '-'");
        var network = network();
        var email = required(OPS_EMAIL_ADDRESS, EMAIL);
        var database = database();
        var dms = bool(CREATE_DMS_INFRASTRUCTURE) ? Optional.of(dms()) : Optional.<DeploymentConfig.Dms>empty();
        var consumption = bool(CREATE_CONSUMPTION_STACK)
                ? Optional.of(new DeploymentConfig.Consumption(
                        orEmpty(requiredWhen(QUICKSIGHT_PRINCIPAL_ARN, ARN, CREATE_CONSUMPTION_STACK))))
                : Optional.<DeploymentConfig.Consumption>empty();
        var schedules = new DeploymentConfig.Schedules(
                withDefault(FULL_LOAD_SCHEDULE, SCHEDULE), withDefault(INCREMENTAL_SCHEDULE, SCHEDULE));
        var retention = new DeploymentConfig.Retention(
                integer(CDC_RETENTION_DAYS, 8, 3650), integer(NONCURRENT_VERSION_DAYS, 1, 3650));
        var alarms = new DeploymentConfig.AlarmThresholds(
                integer(LAG_ALARM_SECONDS, 60, 86_400), integer(DMS_LATENCY_ALARM_SECONDS, 60, 86_400));
        var bucketNamePrefix = optional(BUCKET_NAME_PREFIX);
        bucketNamePrefix.ifPresent(prefix -> check(
                BUCKET_PREFIX.matcher(prefix).matches(), BUCKET_NAME_PREFIX, prefix, BUCKET_NAME_PREFIX.description()));
        var admins = arns(ADMIN_PRINCIPAL_ARNS);
        var lakeFormationAdmins = arns(LAKE_FORMATION_ADMIN_ARNS);
        var launcher = new DeploymentConfig.Launcher(
                launcherJar(), withDefault(LAUNCHER_HANDLER, Pattern.compile("[\\w.$]+(::\\w+)?")));
        var stateMachines = stateMachinesDir();
        if (!problems.isEmpty()) {
            throw new InvalidContextException(problems);
        }
        return new DeploymentConfig(
                useCase,
                configIdentifier,
                network,
                email,
                database,
                dms,
                bool(CREATE_DMS_VPC_ROLE),
                consumption,
                schedules,
                retention,
                alarms,
                bucketNamePrefix,
                admins,
                lakeFormationAdmins,
                launcher,
                stateMachines);
    }

    private NetworkConfig network() {
        if (bool(CREATE_NETWORK_INFRASTRUCTURE)) {
            return new NetworkConfig.CreateNetwork(withDefault(VPC_CIDR, CIDR));
        }
        var vpcId = requiredWhen(VPC_ID, VPC_ID_REGEX, CREATE_NETWORK_INFRASTRUCTURE);
        var subnets = list(VPC_SUBNET_IDS);
        if (subnets.size() != 2) {
            problem(
                    VPC_SUBNET_IDS,
                    String.join(",", subnets),
                    "exactly two private subnet ids, e.g. subnet-0a1b,subnet-2c3d (required when CreateNetworkInfrastructure is false)");
        }
        subnets.forEach(subnet -> check(
                SUBNET_ID.matcher(subnet).matches(), VPC_SUBNET_IDS, subnet, "subnet ids look like subnet-0a1b2c3d"));
        var endpoint = requiredWhen(S3_VPC_ENDPOINT_ID, VPCE_ID, CREATE_NETWORK_INFRASTRUCTURE);
        return new NetworkConfig.ExistingNetwork(orEmpty(vpcId), subnets, orEmpty(endpoint));
    }

    private DeploymentConfig.Database database() {
        var engine = withDefault(DB_ENGINE, Pattern.compile("postgres"));
        return new DeploymentConfig.Database(
                withDefault(DB_ENDPOINT, Pattern.compile("[A-Za-z0-9.-]+")),
                withDefault(DB_NAME, Pattern.compile("[A-Za-z0-9_]+")),
                engine,
                integer(DB_PORT, 1, 65535),
                withDefault(DB_USER_NAME_SPARK, Pattern.compile("[A-Za-z0-9_]+")),
                withDefault(DB_USER_NAME_DMS, Pattern.compile("[A-Za-z0-9_]+")));
    }

    private DeploymentConfig.Dms dms() {
        var schemas = list(DMS_SCHEMAS.defaultValue(), DMS_SCHEMAS);
        if (schemas.isEmpty()) {
            problem(DMS_SCHEMAS, "", "at least one schema name");
        }
        return new DeploymentConfig.Dms(
                withDefault(DMS_INSTANCE_CLASS, Pattern.compile("dms\\.[a-z0-9]+\\.[a-z0-9]+")),
                orEmpty(requiredWhen(DMS_CERTIFICATE_ARN, ARN, CREATE_DMS_INFRASTRUCTURE)),
                schemas);
    }

    private Path launcherJar() {
        var configured = optional(LAUNCHER_JAR);
        if (configured.isPresent()) {
            var jar = repositoryRoot.resolve(configured.get());
            check(
                    Files.isRegularFile(jar),
                    LAUNCHER_JAR,
                    jar.toString(),
                    "an existing jar file (build it with `make build`)");
            return jar;
        }
        var target = repositoryRoot.resolve("launcher/target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            var jars = files.filter(file -> file.getFileName().toString().endsWith("-lambda.jar"))
                    .sorted()
                    .toList();
            if (jars.size() == 1) {
                return jars.get(0);
            }
            problems.add(
                    "Cannot package the launcher Lambda: expected one launcher/target/*-lambda.jar under %s, found %d; run `make build` first, or set -c %s=<path to the jar>"
                            .formatted(repositoryRoot, jars.size(), LAUNCHER_JAR.key()));
            return target;
        } catch (IOException e) {
            problems.add("Cannot list %s: %s; run `make build` first, or set -c %s=<path to the jar>"
                    .formatted(target, e.getMessage(), LAUNCHER_JAR.key()));
            return target;
        }
    }

    private Path stateMachinesDir() {
        var dir = repositoryRoot.resolve(optional(STATE_MACHINES_DIR).orElse("state-machines"));
        check(
                Files.isDirectory(dir),
                STATE_MACHINES_DIR,
                dir.toString(),
                "a folder holding the *.asl.json state machines");
        return dir;
    }

    private String required(ContextKey key, Pattern pattern) {
        var value = optional(key);
        if (value.isEmpty()) {
            problems.add("Missing context %s (%s); set it with -c %s=<value> or in cdk.json \"context\""
                    .formatted(key.key(), key.description(), key.key()));
            return null;
        }
        check(pattern.matcher(value.get()).matches(), key, value.get(), key.description());
        return value.get();
    }

    private String requiredWhen(ContextKey key, Pattern pattern, ContextKey condition) {
        var value = optional(key);
        if (value.isEmpty()) {
            problems.add("Missing context %s, required because %s is %s (%s); set it with -c %s=<value>"
                    .formatted(
                            key.key(),
                            condition.key(),
                            raw(condition).orElse(condition.defaultValue()),
                            key.description(),
                            key.key()));
            return null;
        }
        check(pattern.matcher(value.get()).matches(), key, value.get(), key.description());
        return value.get();
    }

    private String withDefault(ContextKey key, Pattern pattern) {
        var value = optional(key).orElse(key.defaultValue());
        check(pattern.matcher(value).matches(), key, value, key.description());
        return value;
    }

    private boolean bool(ContextKey key) {
        var value = optional(key).orElse(key.defaultValue()).toLowerCase(Locale.ROOT);
        check(value.equals("true") || value.equals("false"), key, value, "true or false");
        return value.equals("true");
    }

    private int integer(ContextKey key, int min, int max) {
        var value = optional(key).orElse(key.defaultValue());
        try {
            var number = Integer.parseInt(value);
            check(
                    number >= min && number <= max,
                    key,
                    value,
                    "%s; between %d and %d".formatted(key.description(), min, max));
            return number;
        } catch (NumberFormatException e) {
            problem(key, value, "an integer between %d and %d".formatted(min, max));
            return min;
        }
    }

    private List<String> arns(ContextKey key) {
        var arns = list(key);
        arns.forEach(arn ->
                check(ARN.matcher(arn).matches(), key, arn, "IAM ARNs like arn:aws:iam::123456789012:role/Admin"));
        return arns;
    }

    private List<String> list(ContextKey key) {
        return list(key.defaultValue() == null ? "" : key.defaultValue(), key);
    }

    private List<String> list(String defaultValue, ContextKey key) {
        return Arrays.stream(optional(key).orElse(defaultValue).split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /** A missing required value is already a problem; the empty string only lets parsing go on to find the others. */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private Optional<String> optional(ContextKey key) {
        return raw(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private Optional<String> raw(ContextKey key) {
        return Optional.ofNullable(context.apply(key.key())).map(String::valueOf);
    }

    private void check(boolean valid, ContextKey key, String value, String expected) {
        if (!valid) {
            problem(key, value, expected);
        }
    }

    private void problem(ContextKey key, String value, String expected) {
        problems.add("Invalid context %s: '%s'; expected %s; fix it with -c %s=<value> or in cdk.json \"context\""
                .formatted(key.key(), value, expected, key.key()));
    }
}
