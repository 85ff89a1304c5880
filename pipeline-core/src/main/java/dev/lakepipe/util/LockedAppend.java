package dev.lakepipe.util;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends text to a file in one write under an exclusive file lock, so JVMs appending at once never interleave lines.
 *
 * <p>A file lock is held by the whole JVM: a second thread asking for it gets an {@code OverlappingFileLockException}
 * instead of waiting. Threads of one JVM (the tables of one step group) therefore queue on a lock per file first.
 */
public final class LockedAppend {

    private static final ConcurrentMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    private LockedAppend() {}

    /** Creates the file and its folders when missing. */
    public static void append(Path file, String text) throws IOException {
        var absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        var threadLock = THREAD_LOCKS.computeIfAbsent(absolute, ignored -> new ReentrantLock());
        threadLock.lock();
        try {
            appendUnderFileLock(absolute, text);
        } finally {
            threadLock.unlock();
        }
    }

    private static void appendUnderFileLock(Path file, String text) throws IOException {
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
