package dev.lakepipe.local.sns;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.launcher.Notifier;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The local SNS: every publish is one JSON line in {@code $LAKEPIPE_HOME/outbox/sns.jsonl},
 * {@code {"timestamp","topicArn","subject","message","attributes","messageId"}} with {@code message} a string,
 * as the subscriber would receive it. Appends are whole lines under a file lock, so concurrent
 * publishers (Map iterations, other processes) never interleave.
 */
public final class SnsOutbox {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final Path file;

    public SnsOutbox(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** The outbox of a home folder: {@code $LAKEPIPE_HOME/outbox/sns.jsonl}. */
    public static SnsOutbox in(Path home) {
        return new SnsOutbox(home.resolve("outbox").resolve("sns.jsonl"));
    }

    public Path file() {
        return file;
    }

    /** The launcher's notifier: publishes to {@code topicArn} (the stack's {@code SnsTopicArn}). */
    public Notifier notifier(String topicArn) {
        requireNonNull(topicArn, "topicArn is null");
        return (subject, message) -> publish(topicArn, subject, message, MAPPER.createObjectNode());
    }

    /** Appends one message and returns its id. */
    public String publish(String topicArn, String subject, String message, JsonNode attributes) {
        requireNonNull(topicArn, "topicArn is null");
        requireNonNull(message, "message is null");
        String messageId = UUID.randomUUID().toString();
        ObjectNode line = MAPPER.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("topicArn", topicArn);
        if (subject != null) {
            line.put("subject", subject);
        }
        line.put("message", message);
        line.set("attributes", attributes == null ? MAPPER.createObjectNode() : attributes);
        line.put("messageId", messageId);
        append(toJson(line) + "\n");
        return messageId;
    }

    /** Every message published so far, oldest first. */
    public List<JsonNode> messages() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            var messages = new ArrayList<JsonNode>();
            for (String line : Files.readAllLines(file, UTF_8)) {
                if (!line.isBlank()) {
                    messages.add(MAPPER.readTree(line));
                }
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the SNS outbox " + file, e);
        }
    }

    private synchronized void append(String line) {
        try {
            Files.createDirectories(file.getParent());
            try (var channel = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    var lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append to the SNS outbox " + file, e);
        }
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Failed to serialize an SNS message");
        }
    }
}
