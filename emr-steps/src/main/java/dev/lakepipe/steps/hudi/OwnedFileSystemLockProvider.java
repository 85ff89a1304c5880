package dev.lakepipe.steps.hudi;

import java.util.concurrent.TimeUnit;
import org.apache.hudi.client.transaction.lock.FileSystemBasedLockProvider;
import org.apache.hudi.common.config.LockConfiguration;
import org.apache.hudi.storage.StorageConfiguration;

/**
 * Hudi's file-system lock (same file, same protocol, so any Hudi writer with the stock provider honours it), except
 * that closing it releases the lock only if this instance holds it. Hudi 0.15's provider deletes the lock file on
 * {@code close()} whoever holds it: a writer that gave up waiting for the lock would remove the holder's lock and let
 * a third writer commit alongside the holder.
 */
public class OwnedFileSystemLockProvider extends FileSystemBasedLockProvider {

    private boolean held;

    public OwnedFileSystemLockProvider(LockConfiguration lockConfiguration, StorageConfiguration<?> configuration) {
        super(lockConfiguration, configuration);
    }

    @Override
    public synchronized boolean tryLock(long time, TimeUnit unit) {
        held = super.tryLock(time, unit);
        return held;
    }

    @Override
    public synchronized void unlock() {
        if (held) {
            super.unlock();
            held = false;
        }
    }

    @Override
    public synchronized void close() {
        if (held) {
            super.close();
            held = false;
        }
    }
}
