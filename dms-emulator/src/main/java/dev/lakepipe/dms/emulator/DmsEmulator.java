package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.emulator.EmulatorLifecycle.State;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local AWS DMS CDC task: Debezium's embedded (async) engine reading the source's logical
 * replication slot with pgoutput, writing change files under the bronze root as the DMS S3 target
 * with {@link DmsCdcTask}'s settings would. One emulator per state directory (a file lock guards it).
 *
 * <pre>{@code
 * try (var emulator = DmsEmulator.builder().task(task).source(source).bronzeRoot(bronze).stateDirectory(cdc).build()) {
 *     emulator.start();   // returns once changes committed from now on are captured
 *     ...
 * }                       // publishes every complete transaction, commits offsets, stops
 * }</pre>
 */
public final class DmsEmulator implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DmsEmulator.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SYNC_POLL = Duration.ofSeconds(1);

    private final DmsCdcTask task;
    private final SourceConnection source;
    private final Path bronzeRoot;
    private final Path stateDirectory;
    private final Duration heartbeatInterval;
    private final String publication;
    private final EmulatorLifecycle lifecycle = new EmulatorLifecycle();
    private final StatusWriter statusWriter;
    private final Instant createdAt;
    private ChangeCapture capture;
    private CaptureEngine engine;
    private StateDirectoryLock lock;

    private DmsEmulator(Builder builder) {
        this.task = requireNonNull(builder.task, "task is null");
        this.source = requireNonNull(builder.source, "source is null");
        this.bronzeRoot = requireNonNull(builder.bronzeRoot, "bronzeRoot is null");
        this.stateDirectory = requireNonNull(builder.stateDirectory, "stateDirectory is null");
        this.heartbeatInterval = builder.heartbeatInterval != null
                ? builder.heartbeatInterval
                : Duration.ofMillis(
                        Math.max(200, Math.min(1000, task.s3Settings().cdcMaxBatchIntervalSeconds() * 500L)));
        this.publication = builder.publication != null
                ? builder.publication
                : task.sourceSettings().slotName() + "_pub";
        this.statusWriter = new StatusWriter(stateDirectory, this::status);
        this.createdAt = Instant.now();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts capturing: creates the replication slot and publication on first use, resumes from the
     * stored offsets otherwise. Returns when the connector streams; throws if it cannot start.
     */
    public void start() {
        lifecycle.starting();
        try {
            Files.createDirectories(stateDirectory);
            Files.createDirectories(bronzeRoot);
            lock = StateDirectoryLock.acquire(stateDirectory);
            var publisher = new ChangeFilePublisher(bronzeRoot, task.s3Settings(), Clock.systemUTC());
            publisher.warmUp(stateDirectory);
            capture = new ChangeCapture(task, publisher, DebeziumProperties.TOPIC_PREFIX, statusWriter::writeIfDue);
            var properties = DebeziumProperties.of(
                    task,
                    source,
                    stateDirectory.resolve("offsets.json"),
                    heartbeatInterval,
                    publication,
                    PublicationProbe.exists(source, publication));
            engine = CaptureEngine.start(properties, capture, lifecycle);
            awaitStarted();
            lifecycle.running();
            statusWriter.write();
            LOG.info(
                    "DMS emulator streaming from slot {} of {} into {}",
                    task.sourceSettings().slotName(),
                    source,
                    bronzeRoot);
        } catch (IOException e) {
            fail(e);
            throw new UncheckedIOException("Failed to start the DMS emulator in " + stateDirectory, e);
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /**
     * Waits until the emulator has received every change the source committed before this call (a {@link SyncMarker}
     * in the WAL), so that {@link #close()} then publishes them all.
     *
     * @throws LakepipeException when the emulator is not running, or did not reach the marker within {@code timeout}
     */
    public void awaitCaughtUp(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        requireRunning();
        var marker = SyncMarker.emit(source);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!capture.awaitSyncMarker(marker, SYNC_POLL)) {
                requireRunning();
                if (System.nanoTime() > deadline) {
                    throw new LakepipeException(
                            "The DMS emulator did not receive the changes of %s up to now within %d s;"
                                    + " look at its log, or wait longer",
                            source, timeout.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Interrupted while waiting for the DMS emulator to catch up");
        }
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new LakepipeException(
                    "Cannot wait for the DMS emulator to catch up: it is %s%s",
                    lifecycle.state(),
                    lifecycle
                            .failure()
                            .map(error -> " (" + error.getMessage() + ")")
                            .orElse(""));
        }
    }

    /** Blocks until the engine stops (after {@link #close()} or a failure); returns the failure, if any. */
    public Optional<Throwable> awaitTermination() throws InterruptedException {
        return lifecycle.awaitTermination();
    }

    public boolean isRunning() {
        return lifecycle.state() == State.RUNNING;
    }

    /** The current status (also written to {@code status.json} in the state directory about once a second). */
    public EmulatorStatus status() {
        var now = Instant.now();
        var tables = capture == null
                ? List.<EmulatorStatus.TableStatus>of()
                : capture.stats().stream().map(stats -> stats.snapshot(now)).toList();
        return new EmulatorStatus(
                lifecycle.state().name(),
                ProcessHandle.current().pid(),
                createdAt.toString(),
                now.toString(),
                task.sourceSettings().slotName(),
                bronzeRoot.toString(),
                lifecycle
                        .failure()
                        .map(error -> String.valueOf(error.getMessage()))
                        .orElse(null),
                tables);
    }

    /**
     * Stops capturing: publishes every complete transaction still buffered, commits the offsets,
     * stops the engine. Idempotent; a no-op before {@link #start()}.
     */
    @Override
    public void close() {
        var current = lifecycle.state();
        if (current == State.CREATED || current == State.STOPPING || current == State.STOPPED) {
            return;
        }
        if (lifecycle.stopping()) {
            flushBeforeStop();
        }
        stopEngine();
        lifecycle.stopped();
        try {
            statusWriter.write();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the final emulator status", e);
        }
        releaseLock();
        LOG.info("DMS emulator stopped ({})", lifecycle.state());
    }

    private void flushBeforeStop() {
        try {
            if (!capture.flushAllAndWait(heartbeatInterval.toMillis() * 10 + 10_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("Buffered changes were not published before stop; they are delivered again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStarted() {
        try {
            if (!lifecycle.awaitStarted(START_TIMEOUT)) {
                var cause = lifecycle.failure().orElse(null);
                throw new LakepipeException(
                        cause,
                        "Cannot start the DMS emulator on %s: %s",
                        source,
                        cause != null
                                ? cause.getMessage()
                                : "the connector did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "Cannot start the DMS emulator on %s: interrupted", source);
        }
    }

    private void fail(Throwable error) {
        lifecycle.failed(error);
        stopEngine();
        releaseLock();
    }

    private void stopEngine() {
        if (engine != null) {
            engine.stop();
        }
    }

    private void releaseLock() {
        if (lock != null) {
            lock.close();
        }
    }

    /** Builder; task, source, bronze root and state directory are required. */
    public static final class Builder {
        private DmsCdcTask task;
        private SourceConnection source;
        private Path bronzeRoot;
        private Path stateDirectory;
        private Duration heartbeatInterval;
        private String publication;

        private Builder() {}

        /**
         * The pgoutput publication to read. Default {@code <slot>_pub}. Used as is when it exists,
         * otherwise created for the tables the mapping selects (which needs ownership of them).
         */
        public Builder publication(String value) {
            publication = value;
            return this;
        }

        /** The DMS task: settings, table mapping, slot. */
        public Builder task(DmsCdcTask value) {
            task = value;
            return this;
        }

        public Builder source(SourceConnection value) {
            source = value;
            return this;
        }

        /** The bronze bucket's root folder ({@code $LAKEPIPE_HOME/s3/lakepipe-bronze}); keys start with {@code BucketFolder}. */
        public Builder bronzeRoot(Path value) {
            bronzeRoot = value;
            return this;
        }

        /** Offsets, status and lock ({@code $LAKEPIPE_HOME/cdc}). */
        public Builder stateDirectory(Path value) {
            stateDirectory = value;
            return this;
        }

        /** Default: half of {@code CdcMaxBatchInterval}, between 200 ms and 1 s. */
        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        public DmsEmulator build() {
            return new DmsEmulator(this);
        }
    }
}
