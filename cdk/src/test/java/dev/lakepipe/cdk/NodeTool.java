package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the node tooling that the build installs from cdk/package-lock.json ({@code npm ci}) into cdk/node_modules. */
final class NodeTool {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path NODE_MODULES = MODULE.resolve("node_modules");
    private static final long TIMEOUT_MINUTES = 3;

    private NodeTool() {}

    /** The exit code and the combined output of one command. */
    record Result(int exitCode, String output) {
        Result {
            requireNonNull(output, "output is null");
        }
    }

    /** {@code node_modules/.bin/<tool> args...}; fails when the build did not install it. */
    static Result bin(String tool, String... args) {
        var executable = NODE_MODULES.resolve(".bin").resolve(tool);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(
                    "Cannot find %s: the cdk module's build installs it with `npm ci` (run `mvn -pl cdk generate-resources`)"
                            .formatted(executable));
        }
        var command = new ArrayList<String>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        return run(command);
    }

    static Result run(List<String> command) {
        try {
            var output = Files.createTempFile("lakepipe-node", ".log");
            try {
                var builder = new ProcessBuilder(command)
                        .directory(MODULE.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                // The CLI would otherwise look up newer versions on the network.
                builder.environment().put("CDK_DISABLE_VERSION_CHECK", "1");
                var process = builder.start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "Timed out after %d minutes: %s".formatted(TIMEOUT_MINUTES, command));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }
}
