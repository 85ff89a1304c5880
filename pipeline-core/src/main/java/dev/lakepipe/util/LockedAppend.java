package dev.lakepipe.util;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends text to a file in one write under an exclusive file lock, so JVMs appending at once never interleave lines. */
public final class LockedAppend {

    private LockedAppend() {}

    /** Creates the file and its folders when missing. */
    public static void append(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                var lock = channel.lock()) {
            var bytes = ByteBuffer.wrap(text.getBytes(UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
