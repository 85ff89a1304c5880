package dev.lakepipe.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Work done while holding an exclusive lock on a file, against other processes (a file lock) and against other threads
 * of this JVM.
 *
 * <p>A file lock is held by the whole JVM: a second thread asking for it gets an {@code OverlappingFileLockException}
 * instead of waiting. Threads of one JVM (the tables of one step group, two commands in one test JVM) therefore queue on
 * a lock per file first.
 */
public final class ExclusiveFileLock {

    private static final ConcurrentMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    /** The work, given the locked file's channel (opened to append). */
    public interface LockedWork<T> {
        T run(FileChannel channel) throws IOException;
    }

    private ExclusiveFileLock() {}

    /** Runs {@code work} holding the lock on {@code file}, which is created with its folders when missing. */
    public static <T> T run(Path file, LockedWork<T> work) throws IOException {
        var absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        var threadLock = THREAD_LOCKS.computeIfAbsent(absolute, ignored -> new ReentrantLock());
        threadLock.lock();
        try (var channel = FileChannel.open(
                        absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                var lock = channel.lock()) {
            return work.run(channel);
        } finally {
            threadLock.unlock();
        }
    }
}
