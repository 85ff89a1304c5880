package dev.lakepipe.dms.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's offset store for the emulator: like Kafka's {@code FileOffsetBackingStore}, but every
 * save goes to a temporary file that is forced to disk and renamed over the old one, so a kill or
 * a power cut leaves either the old or the new offsets, never a torn file. The file is
 * {@code offset.storage.file.filename}; entries are base64 of Kafka Connect's key and value bytes.
 */
public final class DurableFileOffsetBackingStore extends MemoryOffsetBackingStore {
    static final String FILE_NAME_KEY = "offset.storage.file.filename";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private Path file;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        var name = config.originalsStrings().get(FILE_NAME_KEY);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Invalid offset store configuration: " + FILE_NAME_KEY + " is not set");
        }
        file = Path.of(name);
    }

    @Override
    public synchronized void start() {
        super.start();
        data.clear();
        read(file).forEach((key, value) -> data.put(ByteBuffer.wrap(key), ByteBuffer.wrap(value)));
    }

    @Override
    protected void save() {
        var entries = new LinkedHashMap<String, String>();
        data.forEach((key, value) -> entries.put(encode(key), encode(value)));
        var temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, MAPPER.writeValueAsBytes(entries));
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var channel = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to save DMS emulator offsets to " + file, e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    /** The stored entries (Connect key bytes → value bytes); empty when the file does not exist. */
    static Map<byte[], byte[]> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, String> entries = MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
            var result = new LinkedHashMap<byte[], byte[]>();
            entries.forEach((key, value) -> result.put(
                    Base64.getDecoder().decode(key), Base64.getDecoder().decode(value)));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read DMS emulator offsets from " + file
                            + "; restore it or delete it together with the replication slot to start over",
                    e);
        }
    }

    private static String encode(ByteBuffer buffer) {
        var bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
