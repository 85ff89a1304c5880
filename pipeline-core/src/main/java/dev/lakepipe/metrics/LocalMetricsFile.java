package dev.lakepipe.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.util.Json;
import dev.lakepipe.util.LockedAppend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local CloudWatch: every published data point is one JSON line of {@code $LAKEPIPE_HOME/metrics/metrics.jsonl},
 * appended under a file lock (the tables of a step group publish from one JVM, several steps at once). A request
 * CloudWatch would refuse is refused ({@link PutMetricData}); each publish is recorded as {@code cloudwatch:PutMetricData}
 * with its {@code cloudwatch:namespace}, so the access contract refuses a role the stack does not grant it
 * (docs/access-contract.md).
 */
public final class LocalMetricsFile implements MetricsPublisher {

    public static final String FILE_NAME = "metrics.jsonl";

    private final Path file;
    private final AccessLog accessLog;
    private final Clock clock;

    public LocalMetricsFile(Path directory, AccessLog accessLog, Clock clock) {
        this.file = requireNonNull(directory, "directory is null").resolve(FILE_NAME);
        this.accessLog = requireNonNull(accessLog, "accessLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The metrics folder of a local state folder: {@code $LAKEPIPE_HOME/metrics}. */
    public static Path directoryOf(Path lakepipeHome) {
        return lakepipeHome.resolve("metrics");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(PutMetricData request) {
        request.requireAcceptedAt(clock.instant());
        accessLog.record(ACTION, "*", Map.of(NAMESPACE_CONDITION_KEY, request.namespace()));
        var text = new StringBuilder();
        request.data()
                .forEach(
                        datum -> text.append(toJson(request.namespace(), datum)).append('\n'));
        try {
            LockedAppend.append(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append metrics to " + file, e);
        }
    }

    /** Every data point of {@code file} in publishing order; none when it does not exist yet. */
    public static List<Published> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            var published = new ArrayList<Published>();
            for (var line : Files.readAllLines(file, UTF_8)) {
                if (!line.isBlank()) {
                    published.add(fromJson(file, line));
                }
            }
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read metrics " + file, e);
        }
    }

    /** One stored data point and its namespace. */
    public record Published(String namespace, MetricDatum datum) {
        public Published {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(datum, "datum is null");
        }
    }

    static String toJson(String namespace, MetricDatum datum) {
        var node = Json.MAPPER.createObjectNode().put("namespace", namespace).put("name", datum.name());
        var dimensions = node.putObject("dimensions");
        datum.dimensions().forEach(dimension -> dimensions.put(dimension.name(), dimension.value()));
        return node.put("value", datum.value())
                .put("unit", datum.unit().cloudWatchName())
                .put("timestamp", datum.timestamp().toString())
                .toString();
    }

    static Published fromJson(Path file, String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            var dimensions = new ArrayList<Dimension>();
            node.path("dimensions")
                    .fields()
                    .forEachRemaining(entry -> dimensions.add(
                            new Dimension(entry.getKey(), entry.getValue().asText())));
            return new Published(
                    node.path("namespace").asText(),
                    new MetricDatum(
                            node.path("name").asText(),
                            dimensions,
                            node.path("value").asDouble(),
                            MetricUnit.fromCloudWatchName(node.path("unit").asText()),
                            Instant.parse(node.path("timestamp").asText())));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new LakepipeException(
                    e, "Invalid metrics line in %s: %s; delete the file, the apply steps write it again", file, line);
        }
    }
}
