package dev.lakepipe.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the app for tests: minimal valid context plus overrides, a stand-in launcher jar. */
final class TestDeployment {
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    static final Path FIXTURE_STATE_MACHINES = Path.of("src/test/resources/state-machines").toAbsolutePath();

    private TestDeployment() {}

    /** The repository's state-machines/ when it holds definitions, else the test fixture. */
    static Path stateMachinesDir() {
        var repository = REPOSITORY.resolve("state-machines");
        try (var files = Files.isDirectory(repository) ? Files.list(repository) : java.util.stream.Stream.<Path>empty()) {
            return files.anyMatch(file -> file.toString().endsWith(StateMachineDefinition.SUFFIX)) ? repository : FIXTURE_STATE_MACHINES;
        }
        catch (IOException e) {
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
        var app = new App(AppProps.builder().outdir(workDir.resolve("cdk.out").toString()).context(context).build());
        var stack = LakepipeApp.build(app, REPOSITORY);
        return Template.fromStack(stack);
    }

    /** An empty jar: the tests check the wiring, not the launcher's code. */
    static Path launcherJar(Path workDir) {
        var jar = workDir.resolve("launcher-test-lambda.jar");
        if (!Files.exists(jar)) {
            try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new java.util.zip.ZipEntry("README"));
                out.write("stand-in for the launcher jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jar;
    }
}
