package dev.lakepipe.cdk;

import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the app for tests: minimal valid context plus overrides, a stand-in launcher jar. */
final class TestDeployment {
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path FIXTURE_STATE_MACHINES =
            Path.of("src/test/resources/state-machines").toAbsolutePath();

    static final String ADMIN_ROLE = "arn:aws:iam::123456789012:role/Admin";
    static final String S3_ENDPOINT = "vpce-0123456789abcdef0";
    static final String QUICKSIGHT_USER = "arn:aws:quicksight:us-east-1:123456789012:user/default/analyst";
    static final String DMS_CERTIFICATE = "arn:aws:dms:us-east-1:123456789012:cert:RDSCA";
    private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

    private TestDeployment() {}

    /** Created network, no DMS, no consumption; admins set. Synthesized once per test JVM. */
    static Template defaults() {
        return CACHE.computeIfAbsent(
                "defaults",
                key -> synth(
                        tempDir(),
                        Map.of(
                                "AdminPrincipalArns", ADMIN_ROLE,
                                "LakeFormationAdminArns", ADMIN_ROLE)));
    }

    /** Existing network, DMS and consumption on. Synthesized once per test JVM. */
    static Template everything() {
        return CACHE.computeIfAbsent(
                "everything",
                key -> synth(
                        tempDir(),
                        Map.ofEntries(
                                Map.entry("CreateNetworkInfrastructure", "false"),
                                Map.entry("VpcId", "vpc-0a1b2c3d"),
                                Map.entry("VpcSubnetIds", "subnet-0a1b,subnet-2c3d"),
                                Map.entry("S3VpcEndpointId", S3_ENDPOINT),
                                Map.entry("CreateDmsInfrastructure", "true"),
                                Map.entry("CreateDmsVpcRole", "true"),
                                Map.entry("DmsCertificateArn", DMS_CERTIFICATE),
                                Map.entry("DmsSchemas", "public"),
                                Map.entry("DbName", "tpcc"),
                                Map.entry("CreateConsumptionStack", "true"),
                                Map.entry("QuickSightPrincipalArn", QUICKSIGHT_USER),
                                Map.entry("IncrementalSchedule", "rate(1 hour)"),
                                Map.entry("LagAlarmSeconds", "600"),
                                Map.entry("DmsLatencyAlarmSeconds", "300"),
                                Map.entry("BucketNamePrefix", "acme-lake"))));
    }

    /** A folder for one synthesis (cdk.out, the stand-in jar), deleted when the test JVM exits. */
    static Path tempDir() {
        try {
            var dir = Files.createTempDirectory("lakepipe-cdk-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's state-machines/ when it holds definitions, else the test fixture. */
    static Path stateMachinesDir() {
        var repository = REPOSITORY.resolve("state-machines");
        try (var files = Files.isDirectory(repository) ? Files.list(repository) : Stream.<Path>empty()) {
            return files.anyMatch(file -> file.toString().endsWith(StateMachineDefinition.SUFFIX))
                    ? repository
                    : FIXTURE_STATE_MACHINES;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> minimalContext(Path workDir) {
        var context = new LinkedHashMap<String, Object>();
        context.put("UseCase", "tpcc");
        context.put("OpsEmailAddress", "ops@example.com");
        context.put("LauncherJar", launcherJar(workDir).toString());
        context.put("StateMachinesDir", stateMachinesDir().toString());
        return context;
    }

    static Template synth(Path workDir, Map<String, Object> overrides) {
        var context = minimalContext(workDir);
        context.putAll(overrides);
        var app = new App(AppProps.builder()
                .outdir(workDir.resolve("cdk.out").toString())
                .context(context)
                .build());
        var stack = LakepipeApp.build(app, REPOSITORY);
        return Template.fromStack(stack);
    }

    /** An empty jar: the tests check the wiring, not the launcher's code. */
    static Path launcherJar(Path workDir) {
        var jar = workDir.resolve("launcher-test-lambda.jar");
        if (!Files.exists(jar)) {
            try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new ZipEntry("README"));
                out.write("stand-in for the launcher jar".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }
}
