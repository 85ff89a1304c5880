package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.ObjectLocator;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
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
    private static final String ASYNC_ENGINE = "io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory";
    private static final String TOPIC_PREFIX = "lakepipe";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

    /** Declaration order is the lifecycle order. */
    private enum State {
        CREATED,
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED,
        FAILED
    }

    private final DmsCdcTask task;
    private final SourceConnection source;
    private final Path bronzeRoot;
    private final Path stateDirectory;
    private final Duration heartbeatInterval;
    private final String publication;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Instant createdAt;
    private ChangeCapture capture;
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private ExecutorService executor;
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile long lastStatusNanos;

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
        transition(State.CREATED, State.STARTING);
        try {
            Files.createDirectories(stateDirectory);
            Files.createDirectories(bronzeRoot);
            lockStateDirectory();
            var publisher = new ChangeFilePublisher(bronzeRoot, task.s3Settings(), Clock.systemUTC());
            publisher.warmUp(stateDirectory);
            capture = new ChangeCapture(task, publisher, TOPIC_PREFIX, this::maybeWriteStatus);
            engine = DebeziumEngine.create(Connect.class, Connect.class, Connect.class, ASYNC_ENGINE)
                    .using(debeziumProperties())
                    .notifying(capture)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            started.countDown();
                        }
                    })
                    .using((success, message, error) -> onEngineFinished(success, message, error))
                    .build();
            executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "dms-emulator-engine"));
            executor.execute(engine);
            awaitStarted();
            transition(State.STARTING, State.RUNNING);
            writeStatus();
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

    /** Blocks until the engine stops (after {@link #close()} or a failure); returns the failure, if any. */
    public java.util.Optional<Throwable> awaitTermination() throws InterruptedException {
        finished.await();
        return Optional.ofNullable(failure.get());
    }

    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** The current status (also written to {@code status.json} in the state directory about once a second). */
    public EmulatorStatus status() {
        var now = Instant.now();
        var tables = capture == null
                ? List.<EmulatorStatus.TableStatus>of()
                : capture.stats().stream().map(stats -> stats.snapshot(now)).toList();
        var error = failure.get();
        return new EmulatorStatus(
                state.get().name(),
                ProcessHandle.current().pid(),
                createdAt.toString(),
                now.toString(),
                task.sourceSettings().slotName(),
                bronzeRoot.toString(),
                error == null ? null : String.valueOf(error.getMessage()),
                tables);
    }

    /**
     * Stops capturing: publishes every complete transaction still buffered, commits the offsets,
     * stops the engine. Idempotent; a no-op before {@link #start()}.
     */
    @Override
    public void close() {
        var current = state.get();
        if (current == State.CREATED || current == State.STOPPED || current == State.STOPPING) {
            return;
        }
        if (current == State.RUNNING && state.compareAndSet(State.RUNNING, State.STOPPING)) {
            flushBeforeStop();
        }
        stopEngine();
        if (state.get() != State.FAILED) {
            state.set(State.STOPPED);
        }
        try {
            writeStatus();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the final emulator status", e);
        }
        releaseLock();
        LOG.info("DMS emulator stopped ({})", state.get());
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

    private void stopEngine() {
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to close the Debezium engine", e);
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("The Debezium engine did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Properties debeziumProperties() {
        var settings = task.sourceSettings();
        var props = new Properties();
        props.setProperty("name", "lakepipe-dms-" + settings.slotName());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", DurableFileOffsetBackingStore.class.getName());
        props.setProperty(
                DurableFileOffsetBackingStore.FILE_NAME_KEY,
                stateDirectory.resolve("offsets.json").toString());
        props.setProperty("offset.flush.interval.ms", "0");
        props.setProperty("database.hostname", source.host());
        props.setProperty("database.port", Integer.toString(source.port()));
        props.setProperty("database.user", source.user());
        props.setProperty("database.password", source.password());
        props.setProperty("database.dbname", source.database());
        props.setProperty("topic.prefix", TOPIC_PREFIX);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slotName());
        props.setProperty("publication.name", publication);
        // An existing publication (e.g. FOR ALL TABLES, made by the source's owner) is used as is; else Debezium
        // creates one for the selected tables, which needs ownership of them.
        props.setProperty("publication.autocreate.mode", publicationExists() ? "disabled" : "filtered");
        props.setProperty(
                "table.include.list",
                task.tableMappings().includedLocators().stream()
                        .map(ObjectLocator::qualifiedNameRegex)
                        .collect(Collectors.joining(",")));
        props.setProperty("snapshot.mode", "no_data");
        props.setProperty("provide.transaction.metadata", "true");
        props.setProperty("heartbeat.interval.ms", Long.toString(heartbeatInterval.toMillis()));
        props.setProperty("decimal.handling.mode", "precise");
        props.setProperty("time.precision.mode", "adaptive_time_microseconds");
        props.setProperty("interval.handling.mode", "string");
        props.setProperty("binary.handling.mode", "bytes");
        props.setProperty("hstore.handling.mode", "json");
        props.setProperty("column.propagate.source.type", ".*");
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("skipped.operations", "t");
        props.setProperty("max.batch.size", "4096");
        props.setProperty("poll.interval.ms", "100");
        return props;
    }

    private boolean publicationExists() {
        var url = "jdbc:postgresql://%s:%d/%s".formatted(source.host(), source.port(), source.database());
        try (var connection = DriverManager.getConnection(url, source.user(), source.password());
                var statement = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, publication);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        } catch (java.sql.SQLException e) {
            throw new LakepipeException(
                    e, "Cannot start the DMS emulator: failed to connect to %s: %s", source, e.getMessage());
        }
    }

    private void awaitStarted() {
        try {
            boolean up = false;
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!up && finished.getCount() > 0 && System.nanoTime() < deadline) {
                up = started.await(100, TimeUnit.MILLISECONDS);
            }
            if (!up) {
                var cause = failure.get();
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

    private void onEngineFinished(boolean success, String message, Throwable error) {
        if (!success) {
            failure.compareAndSet(
                    null, error != null ? error : new LakepipeException("Debezium engine failed: %s", message));
            state.set(State.FAILED);
            LOG.error("DMS emulator failed: {}", message, error);
        }
        finished.countDown();
    }

    private void maybeWriteStatus() {
        long now = System.nanoTime();
        if (now - lastStatusNanos >= STATUS_INTERVAL.toNanos()) {
            lastStatusNanos = now;
            writeStatus();
        }
    }

    private void writeStatus() {
        status().write(stateDirectory);
    }

    private void fail(Throwable error) {
        failure.compareAndSet(null, error);
        state.set(State.FAILED);
        stopEngine();
        releaseLock();
    }

    private void lockStateDirectory() throws IOException {
        lockChannel = FileChannel.open(
                stateDirectory.resolve("emulator.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new LakepipeException(
                    "Cannot start the DMS emulator: another emulator uses %s; stop it first (lakepipe cdc stop)",
                    stateDirectory);
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("Failed to release the emulator lock in {}", stateDirectory, e);
        }
        lock = null;
        lockChannel = null;
    }

    private void transition(State expected, State next) {
        if (!state.compareAndSet(expected, next)) {
            throw new IllegalStateException(
                    "Cannot move the DMS emulator from %s to %s: it is %s".formatted(expected, next, state.get()));
        }
        LOG.debug("DMS emulator {} -> {}", expected, next);
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
