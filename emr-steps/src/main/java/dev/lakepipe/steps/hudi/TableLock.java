package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How lakepipe keeps two writers off one Hudi table (docs/operations.md, "Two writers on one table"): every write runs
 * Hudi's optimistic concurrency control with a lock Hudi takes around each commit and table service, so of two writers
 * that overlap the one that commits second commits nothing ({@link TableLevelConflicts}), and failed writes are rolled
 * back lazily: only once their heartbeat has expired, never while their writer still runs.
 *
 * <p>The lock is Hudi's {@code FileSystemBasedLockProvider} ({@code <table>/.hoodie/lock}, through
 * {@link OwnedFileSystemLockProvider}) where the table lives on a local file system. S3 cannot create a file
 * atomically, so Hudi refuses that provider there; the one it offers for S3, the DynamoDB-based provider, lives in
 * {@code hudi-aws-bundle}, which no local EMR node jar can stand for (the bundle is not in our Maven mirror), so on S3
 * the writes stay single-writer and the launcher's concurrency guard is what keeps a second run off its tables.
 */
public final class TableLock {

    public static final String PROVIDER = OwnedFileSystemLockProvider.class.getName();
    /** The lock file Hudi's provider creates while a writer holds the lock (its default path under the table). */
    public static final String LOCK_FILE = ".hoodie/lock";
    /** How long a writer waits for the lock before it fails (system property, milliseconds; tests shorten it). */
    public static final String WAIT_PROPERTY = "lakepipe.hudi.lock-wait-ms";

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);
    /** A lock older than this is left by a writer killed while it held it: Hudi deletes it and takes the lock. */
    static final Duration EXPIRY = Duration.ofMinutes(10);

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private TableLock() {}

    /** Whether Hudi can lock a table at this base path with {@link #PROVIDER}: a local file system path. */
    public static boolean isLockable(String basePath) {
        return basePath.startsWith("file:") || basePath.startsWith("/");
    }

    /** The Hudi write options that make a write take the table's lock, or none for a table on S3 (see the class comment). */
    public static Map<String, String> writeOptions(String basePath) {
        var options = new LinkedHashMap<String, String>();
        if (!isLockable(basePath)) {
            return options;
        }
        options.put("hoodie.write.concurrency.mode", "optimistic_concurrency_control");
        options.put("hoodie.cleaner.policy.failed.writes", "LAZY");
        options.put("hoodie.write.lock.provider", PROVIDER);
        options.put("hoodie.write.lock.conflict.resolution.strategy", TableLevelConflicts.class.getName());
        options.put("hoodie.write.lock.filesystem.expire", Long.toString(EXPIRY.toMinutes()));
        // The provider tries once per call; Hudi's lock manager calls it again after each pause, so retries x pause is
        // the wait.
        options.put(
                "hoodie.write.lock.client.num_retries",
                Long.toString(Math.max(1, lockWait().dividedBy(RETRY_PAUSE))));
        options.put("hoodie.write.lock.client.wait_time_ms_between_retry", Long.toString(RETRY_PAUSE.toMillis()));
        return options;
    }

    private static Duration lockWait() {
        var value = System.getProperty(WAIT_PROPERTY);
        return value == null ? DEFAULT_WAIT : Duration.ofMillis(Long.parseLong(value));
    }

    /**
     * Runs one Hudi write of {@code table}; a write that lost the table to another writer (lock not acquired, or a
     * conflicting commit) fails with a message that names the table and what to do. Other failures pass unchanged.
     */
    public static void write(HudiTable table, Runnable write) {
        requireNonNull(table, "table is null");
        try {
            write.run();
        } catch (RuntimeException e) {
            throw explain(table, e).orElseThrow(() -> e);
        }
    }

    /** The message for a write that lost {@code table} to another writer, if that is why {@code failure} happened. */
    public static Optional<LakepipeException> explain(HudiTable table, Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            var type = cause.getClass().getName();
            if (type.equals("org.apache.hudi.exception.HoodieLockException")) {
                return Optional.of(new LakepipeException(
                        failure,
                        "Cannot write %s: another writer holds its lock %s%s, and this write"
                                + " waited %d s for it; a Hudi table takes one writer at a time, so this write committed nothing"
                                + " (Hudi rolls its instant back once its heartbeat expires). Run it again when the other writer has"
                                + " finished (lakepipe executions list); a lock no writer holds any more (its writer was killed while"
                                + " committing) expires %d minutes after it was taken",
                        table.name(),
                        lockFile(table.basePath()),
                        owner(table.basePath()),
                        lockWait().toSeconds(),
                        EXPIRY.toMinutes()));
            }
            if (type.equals("org.apache.hudi.exception.HoodieWriteConflictException")) {
                return Optional.of(new LakepipeException(
                        failure,
                        "Cannot commit to %s: another writer committed to it while this write"
                                + " ran (%s); a Hudi table takes one writer at a time, so this write committed nothing (Hudi rolls its"
                                + " instant back once its heartbeat expires). Run it again when the other writer has finished"
                                + " (lakepipe executions list): it applies what the other did not",
                        table.name(),
                        cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** {@code <base path>/.hoodie/lock}. */
    public static String lockFile(String basePath) {
        return (basePath.endsWith("/") ? basePath : basePath + "/") + LOCK_FILE;
    }

    /** " (taken at <time> by thread <name>)" from the lock file Hudi writes, or "" when it is gone or unreadable. */
    private static String owner(String basePath) {
        try {
            var lockFile = lockFile(basePath);
            var path = lockFile.startsWith("file:") ? Path.of(URI.create(lockFile)) : Path.of(lockFile);
            if (!Files.isRegularFile(path)) {
                return "";
            }
            var info = Json.MAPPER.readTree(path.toFile());
            return " (taken at %s by thread %s)"
                    .formatted(
                            info.path("lockCreateTime").asText("?"),
                            info.path("lockThreadName").asText("?"));
        } catch (IOException | IllegalArgumentException e) {
            return " (its owner is unreadable: " + e.getMessage() + ")";
        }
    }
}
