package dev.lakepipe.util;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Appends text to a file in one write under an {@link ExclusiveFileLock}, so appenders never interleave lines. */
public final class LockedAppend {

    private LockedAppend() {}

    /** Creates the file and its folders when missing. */
    public static void append(Path file, String text) throws IOException {
        ExclusiveFileLock.run(file, channel -> {
            var bytes = ByteBuffer.wrap(text.getBytes(UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return null;
        });
    }
}
