package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cluster's logs as EMR archives them under its LogUri ({@code <LogUri><cluster id>/}; locally in the logs bucket): each
 * step's own {@code steps/<step id>/{stdout,stderr}}, which hold spark-submit's output, and for a cluster-mode step the
 * driver's output in {@code containers/<application>/<container>/{stdout,stderr}}, the application spark-submit names
 * in the step's stderr. A step's printed report is in the driver's stdout, never in the step's own stdout.
 */
public record EmrLogs(Path cluster) {

    /** The line of spark-submit's output that names the step's YARN application. */
    static final String SUBMITTED = "INFO Client: Submitted application ";

    public EmrLogs {
        requireNonNull(cluster, "cluster is null");
    }

    /** The step's own log, {@code stdout} or {@code stderr}. */
    public Path step(String stepId, String name) {
        return cluster.resolve("steps").resolve(stepId).resolve(name);
    }

    /** The container logs of a YARN application, {@code containers/<application>/}. */
    Path application(String applicationId) {
        return cluster.resolve("containers").resolve(applicationId);
    }

    /**
     * The driver's log, {@code stdout} or {@code stderr}: its container's for a cluster-mode step, else the step's own
     * (a client-mode driver runs in spark-submit); empty when the step never ran.
     */
    public Optional<Path> driver(String stepId, String name) {
        var stderr = step(stepId, "stderr");
        if (!Files.exists(stderr)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(stderr)) {
            var application = lines.filter(line -> line.startsWith(SUBMITTED))
                    .map(line -> line.substring(SUBMITTED.length()))
                    .findFirst();
            if (application.isEmpty()) {
                return Optional.of(step(stepId, name));
            }
            try (var containers = Files.list(application(application.get()))) {
                return containers.sorted().findFirst().map(container -> container.resolve(name));
            }
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read the logs of step %s under %s", stepId, cluster);
        }
    }
}
