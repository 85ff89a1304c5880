package dev.lakepipe.local.states;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import dev.lakepipe.util.PidFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local executions as the engine left them in {@code $LAKEPIPE_HOME/executions/<name>/}: {@code history.jsonl}
 * (one event a line, written as it happens), {@code execution.json} (DescribeExecution, RUNNING at the start and
 * rewritten at the end) and {@link #OWNER_FILE} (the process running it). One that says RUNNING may have been cut off
 * when its process died; {@link #runningInOtherProcesses} tells.
 */
public final class ExecutionRecords {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final Path directory;

    public ExecutionRecords(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** In an execution's folder: the process that runs it ({@link PidFile}: pid and start time). */
    static final String OWNER_FILE = "owner.pid";

    /** Records this process as the one running execution {@code name}, so other processes see it while this one lives. */
    public void claim(String name) {
        new PidFile(folder(name).resolve(OWNER_FILE)).writeOwn();
    }

    /**
     * The executions another live process is running, as ListExecutions(RUNNING) shows every caller's: status RUNNING
     * and the process that claimed it still alive. One cut off by a kill -9 (its process gone, or its pid reused) stays
     * RUNNING on disk but is not running.
     */
    public List<String> runningInOtherProcesses() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        var self = ProcessHandle.current().pid();
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.filter(folder -> new PidFile(folder.resolve(OWNER_FILE))
                            .owner()
                            .filter(owner -> owner.pid() != self)
                            .isPresent())
                    .map(folder -> folder.getFileName().toString())
                    .filter(name -> describe(name)
                            .filter(execution ->
                                    execution.path("status").asText().equals("RUNNING"))
                            .isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list executions in " + directory, e);
        }
    }

    /** Every execution, newest first (by start date). */
    public List<JsonNode> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> describe(folder.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing((JsonNode execution) ->
                                    execution.path("startDate").asText())
                            .reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list executions in " + directory, e);
        }
    }

    /** DescribeExecution of one execution; for one still running, built from its first history event. */
    public Optional<JsonNode> describe(String name) {
        Path folder = folder(name);
        Path description = folder.resolve("execution.json");
        if (Files.exists(description)) {
            return Optional.of(read(description));
        }
        List<JsonNode> events = history(name);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        JsonNode started = events.get(0);
        ObjectNode running = MAPPER.createObjectNode();
        running.put("name", name);
        running.put("status", "RUNNING");
        running.put("startDate", started.path("timestamp").asText());
        running.put(
                "input",
                started.path("executionStartedEventDetails").path("input").asText());
        running.put("lastEvent", events.get(events.size() - 1).path("type").asText());
        return Optional.of(running);
    }

    /** The history events, oldest first; empty when there is no such execution. */
    public List<JsonNode> history(String name) {
        Path history = folder(name).resolve("history.jsonl");
        if (!Files.exists(history)) {
            return List.of();
        }
        try {
            var events = new ArrayList<JsonNode>();
            for (String line : Files.readAllLines(history, UTF_8)) {
                if (!line.isBlank()) {
                    events.add(MAPPER.readTree(line));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the history of execution " + name + " in " + history, e);
        }
    }

    private Path folder(String name) {
        Path folder = directory.resolve(name).normalize();
        if (!folder.getParent().equals(directory.normalize())) {
            throw new LakepipeException("Invalid execution name: %s; use a name from `lakepipe executions list`", name);
        }
        return folder;
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }
}
