package dev.lakepipe.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cd cdk && npx cdk synth -c UseCase=... -c OpsEmailAddress=...} (cdk.json runs
 * this class), or {@code make synth}. Parameters are CDK context keys, see {@link ContextKey}.
 */
public final class LakepipeApp {
    /** System property naming the repository root (state-machines/, launcher/target/). */
    public static final String REPOSITORY_PROPERTY = "lakepipe.repo";

    private LakepipeApp() {}

    /**
     * @param args extra context as {@code Key=value} (what {@code make synth} passes); the CDK CLI passes
     *     {@code -c} values and the output folder through its own environment variables instead
     */
    public static void main(String[] args) {
        var app = new App(AppProps.builder().context(contextArguments(args)).build());
        try {
            build(app, repositoryRoot());
        } catch (InvalidContextException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    static Map<String, Object> contextArguments(String[] args) {
        var context = new LinkedHashMap<String, Object>();
        for (var arg : args) {
            var separator = arg.indexOf('=');
            if (separator < 1) {
                throw new IllegalArgumentException(
                        "Invalid argument: '%s'; expected Key=value, e.g. UseCase=tpcc".formatted(arg));
            }
            context.put(arg.substring(0, separator), arg.substring(separator + 1));
        }
        return context;
    }

    /** Adds the stack to {@code app}; throws {@link InvalidContextException} on bad context. */
    public static LakepipeStack build(App app, Path repositoryRoot) {
        // Access logs are delivered through a bucket policy, so every bucket can stay BucketOwnerEnforced (no ACLs).
        app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        var config = DeploymentConfigParser.parse(key -> app.getNode().tryGetContext(key), repositoryRoot);
        var environment = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        return new LakepipeStack(
                app,
                LakepipeStack.nameFor(config),
                StackProps.builder()
                        .env(environment)
                        .description(
                                "lakepipe " + config.useCase() + ": S3 Hudi data lake kept in step with PostgreSQL")
                        .build(),
                config);
    }

    static Path repositoryRoot() {
        var configured = System.getProperty(REPOSITORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        var here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("cdk")) ? here : here.getParent();
    }
}
