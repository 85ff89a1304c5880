package dev.lakepipe.dms.emulator;

import dev.lakepipe.LakepipeException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The file lock ({@code <state dir>/emulator.lock}) that keeps a state directory to one emulator. */
final class StateDirectoryLock implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectoryLock.class);
    static final String FILE_NAME = "emulator.lock";

    private final Path stateDirectory;
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(Path stateDirectory, FileChannel channel, FileLock lock) {
        this.stateDirectory = stateDirectory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock; throws naming the directory when another emulator (in this process or another) holds it. */
    static StateDirectoryLock acquire(Path stateDirectory) throws IOException {
        var channel = FileChannel.open(
                stateDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new LakepipeException(
                    "Cannot start the DMS emulator: another emulator uses %s; stop it first (lakepipe cdc stop)",
                    stateDirectory);
        }
        return new StateDirectoryLock(stateDirectory, channel, lock);
    }

    /** Releases the lock; idempotent. A failure is logged, as the process may go on. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try (channel) {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Failed to release the emulator lock in {}", stateDirectory, e);
        }
    }
}
