package dev.lakepipe.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import dev.lakepipe.util.LockedAppend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Records the AWS-visible accesses of one principal in one step (the access contract, docs/access-contract.md):
 * each distinct access once, appended to a JSON-lines file in batches and when the JVM exits, so recording costs a
 * set lookup per call. The local EMR hands a step JVM its log through system properties ({@link #process()}); the
 * in-process parts (launcher, state machine) get their own instance.
 */
public final class AccessLog {

    /** The JSON-lines file a step JVM appends its accesses to. */
    public static final String FILE_PROPERTY = "lakepipe.access.log";
    /** Who the step runs as: the job-flow role (instance profile) of its cluster. */
    public static final String PRINCIPAL_PROPERTY = "lakepipe.access.principal";
    /** The step's name, for the messages. */
    public static final String STEP_PROPERTY = "lakepipe.access.step";
    /** The local bucket folder ({@code $LAKEPIPE_HOME/s3}): paths under it are S3 objects {@code <bucket>/<key>}. */
    public static final String BUCKETS_PROPERTY = "lakepipe.access.buckets";

    /** Records nothing: a JVM the local runtime did not hand a log to (a test, the CLI's own steps). */
    public static final AccessLog NONE = new AccessLog(null, "none", "none");

    private static final int BATCH = 2048;
    private static volatile AccessLog process;

    private final Path file;
    private final String principal;
    private final String step;
    private final Set<Access> seen = ConcurrentHashMap.newKeySet();
    private final List<Access> pending = new ArrayList<>();

    private AccessLog(Path file, String principal, String step) {
        this.file = file;
        this.principal = requireNonNull(principal, "principal is null");
        this.step = requireNonNull(step, "step is null");
    }

    /** A log appending to {@code file} (created when missing). */
    public static AccessLog to(Path file, String principal, String step) {
        return new AccessLog(requireNonNull(file, "file is null"), principal, step);
    }

    /**
     * This JVM's log, from the {@code lakepipe.access.*} system properties ({@link #NONE} without them), flushed
     * when the JVM exits.
     */
    public static AccessLog process() {
        var log = process;
        if (log == null) {
            synchronized (AccessLog.class) {
                if (process == null) {
                    process = fromSystemProperties();
                }
                log = process;
            }
        }
        return log;
    }

    private static AccessLog fromSystemProperties() {
        var file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return NONE;
        }
        var principal = System.getProperty(PRINCIPAL_PROPERTY);
        if (principal == null || principal.isBlank()) {
            throw new LakepipeException(
                    "Invalid access log settings: %s is set but %s is not; the local EMR sets both",
                    FILE_PROPERTY, PRINCIPAL_PROPERTY);
        }
        var log = to(Path.of(file), principal, System.getProperty(STEP_PROPERTY, "step"));
        Runtime.getRuntime().addShutdownHook(new Thread(log::flush, "access-log-flush"));
        return log;
    }

    public boolean enabled() {
        return file != null;
    }

    public String principal() {
        return principal;
    }

    public void record(String action, String resource) {
        record(action, resource, Map.of());
    }

    public void record(String action, String resource, Map<String, String> context) {
        if (file == null) {
            return;
        }
        var access = new Access(step, principal, action, resource, context);
        if (seen.add(access)) {
            boolean full;
            synchronized (pending) {
                pending.add(access);
                full = pending.size() >= BATCH;
            }
            if (full) {
                flush();
            }
        }
    }

    /** Appends what was recorded since the last flush; one write per flush, so concurrent writers never interleave lines. */
    public synchronized void flush() {
        if (file == null) {
            return;
        }
        List<Access> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        var text = new StringBuilder();
        batch.forEach(access -> text.append(toJson(access)).append('\n'));
        try {
            LockedAppend.append(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append to access log " + file, e);
        }
    }

    /** Every access in {@code path}: one JSON-lines file, or every {@code *.jsonl} below a folder. */
    public static List<Access> read(Path path) {
        try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
            var accesses = new ArrayList<Access>();
            for (var file : files.filter(candidate -> candidate.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                for (var line : Files.readAllLines(file, UTF_8)) {
                    if (!line.isBlank()) {
                        accesses.add(fromJson(file, line));
                    }
                }
            }
            return accesses;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read access logs " + path, e);
        }
    }

    static String toJson(Access access) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("step", access.step())
                .put("principal", access.principal())
                .put("service", access.service())
                .put("action", access.action())
                .put("resource", access.resource());
        if (!access.context().isEmpty()) {
            var context = node.putObject("context");
            access.context().forEach(context::put);
        }
        return node.toString();
    }

    static Access fromJson(Path file, String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            var context = new LinkedHashMap<String, String>();
            node.path("context")
                    .fields()
                    .forEachRemaining(entry ->
                            context.put(entry.getKey(), entry.getValue().asText()));
            return new Access(
                    node.path("step").asText(),
                    node.path("principal").asText(),
                    node.path("action").asText(),
                    node.path("resource").asText(),
                    context);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new LakepipeException(e, "Invalid access log line in %s: %s", file, line);
        }
    }
}
