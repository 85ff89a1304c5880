package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.HeaderExpression;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Debezium's change stream into DMS change files, on the engine's thread.
 *
 * <p>Changes are staged per transaction until its END (which carries the commit LSN that numbers
 * them), then appended to per-table buffers; a buffer becomes a file when it is
 * {@code CdcMaxBatchInterval} old or {@code CdcMinFileSize} big. An event's offset is reported as
 * processed only once every row of its transaction, and of all earlier transactions, is in a
 * published file. After a crash Debezium re-delivers from the last reported offset; a re-delivered
 * change whose position is not above the newest published file of its table is dropped, so every
 * change lands in exactly one file.
 */
final class ChangeCapture implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeCapture.class);
    private static final String NEW_KEY_HEADER = "__debezium.newkey";
    private static final String OLD_KEY_HEADER = "__debezium.oldkey";
    private static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";

    private record Pending(ChangeEvent<SourceRecord, SourceRecord> event, CommitTicket ticket) {}

    private final DmsCdcTask task;
    private final ChangeFilePublisher publisher;
    private final DmsTypeMapping types;
    private final String transactionTopic;
    private final String messageTopic;
    private final Set<String> syncMarkers = new HashSet<>();
    private final long maxIntervalNanos;
    private final long minFileBytes;
    private final Runnable afterBatch;
    private final Map<TableId, TableBuffer> buffers = new TreeMap<>();
    private final Map<TableId, TableLayout> layouts = new TreeMap<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final CountDownLatch finalFlush = new CountDownLatch(1);
    private volatile boolean finalFlushRequested;
    private volatile Instant lastCommitTime;
    private CommitTicket ticket;
    private List<StagedChange> staged;

    ChangeCapture(DmsCdcTask task, ChangeFilePublisher publisher, String topicPrefix, Runnable afterBatch) {
        this.task = requireNonNull(task, "task is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.types = new DmsTypeMapping(task.sourceSettings().mapBooleanAsBoolean(), task.lobMaxSizeKb());
        this.transactionTopic = topicPrefix + ".transaction";
        this.messageTopic = topicPrefix + ".message";
        this.maxIntervalNanos = TimeUnit.SECONDS.toNanos(task.s3Settings().cdcMaxBatchIntervalSeconds());
        this.minFileBytes = task.s3Settings().cdcMinFileSizeKb() * 1024L;
        this.afterBatch = requireNonNull(afterBatch, "afterBatch is null");
    }

    @Override
    public void handleBatch(
            List<ChangeEvent<SourceRecord, SourceRecord>> events,
            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        for (var event : events) {
            var record = event.value();
            if (transactionTopic.equals(record.topic())) {
                onTransactionEvent(record, event);
            } else if (messageTopic.equals(record.topic())) {
                onMessage(record, event);
            } else if (record.topic().startsWith(HEARTBEAT_TOPIC_PREFIX)) {
                pending.add(new Pending(event, null));
            } else {
                onChange(record, event);
            }
        }
        boolean all = finalFlushRequested;
        publishBuffers(all);
        reportPublished(committer);
        afterBatch.run();
        if (all) {
            finalFlush.countDown();
        }
    }

    /** Asks the engine thread to publish every complete transaction at its next batch (heartbeats make sure one comes). */
    boolean flushAllAndWait(long timeout, TimeUnit unit) throws InterruptedException {
        finalFlushRequested = true;
        return finalFlush.await(timeout, unit);
    }

    List<TableStats> stats() {
        synchronized (buffers) {
            return buffers.values().stream().map(TableBuffer::stats).toList();
        }
    }

    Optional<Instant> lastCommitTime() {
        return Optional.ofNullable(lastCommitTime);
    }

    private void onTransactionEvent(SourceRecord record, ChangeEvent<SourceRecord, SourceRecord> event) {
        var value = (Struct) record.value();
        switch (value.getString("status")) {
            case "BEGIN" -> {
                if (staged != null && !staged.isEmpty()) {
                    throw new LakepipeException(
                            "Cannot order changes: transaction %s began before the previous one ended",
                            value.getString("id"));
                }
                ticket = new CommitTicket();
                staged = new ArrayList<>();
                pending.add(new Pending(event, ticket));
            }
            case "END" -> {
                if (staged == null) {
                    // Debezium closes a transaction it restored from the offsets; nothing of it is staged here.
                    pending.add(new Pending(event, null));
                    return;
                }
                commit(commitLsn(record, value));
                ticket.complete();
                pending.add(new Pending(event, ticket));
                staged = null;
                ticket = null;
            }
            default ->
                throw new LakepipeException(
                        "Invalid transaction event: status %s of %s", value.getString("status"), value.getString("id"));
        }
    }

    /**
     * A logical decoding message ({@code pg_logical_emit_message}): DMS ignores them, and so does this, but for the
     * emulator's own non-transactional {@link SyncMarker}, which arrives after every change committed before it.
     */
    private void onMessage(SourceRecord record, ChangeEvent<SourceRecord, SourceRecord> event) {
        pending.add(new Pending(event, ticket));
        var message = ((Struct) record.value()).getStruct("message");
        if (staged == null && SyncMarker.PREFIX.equals(message.getString("prefix"))) {
            var marker = new String(message.getBytes("content"), StandardCharsets.UTF_8);
            synchronized (syncMarkers) {
                syncMarkers.add(marker);
                syncMarkers.notifyAll();
            }
        }
    }

    /** Waits until the message {@code marker} has been received; false when {@code timeout} passed first. */
    boolean awaitSyncMarker(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (syncMarkers) {
            while (!syncMarkers.remove(marker)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(syncMarkers, left);
            }
            return true;
        }
    }

    private void onChange(SourceRecord record, ChangeEvent<SourceRecord, SourceRecord> event) {
        var value = (Struct) record.value();
        if (value == null) {
            pending.add(new Pending(event, ticket));
            return;
        }
        var source = value.getStruct("source");
        var table = new TableId(source.getString("schema"), source.getString("table"));
        if (staged == null) {
            throw new LakepipeException(
                    "Cannot number a change of %s at LSN %s: it arrived outside a transaction",
                    table, Lsn.format(source.getInt64("lsn")));
        }
        pending.add(new Pending(event, ticket));
        if (!task.tableMappings().isSelected(table.schema(), table.table())) {
            return;
        }
        var change = toChange(record, value, source, table);
        if (change.isPresent()) {
            staged.add(change.get());
        } else {
            buffer(table).stats().ignored();
        }
    }

    private Optional<StagedChange> toChange(SourceRecord record, Struct value, Struct source, TableId table) {
        var settings = task.s3Settings();
        var keySchema = Optional.ofNullable(record.keySchema());
        var op = value.getString("op");
        ChangeOperation operation;
        Struct image;
        Struct previousKey = null;
        switch (op) {
            case "c", "r" -> {
                var oldKey = record.headers().lastWithName(OLD_KEY_HEADER);
                operation = oldKey == null ? ChangeOperation.INSERT : ChangeOperation.UPDATE;
                previousKey = oldKey == null ? null : (Struct) oldKey.value();
                image = value.getStruct("after");
            }
            case "u" -> {
                operation = ChangeOperation.UPDATE;
                previousKey = (Struct) record.key();
                image = value.getStruct("after");
            }
            case "d" -> {
                if (record.headers().lastWithName(NEW_KEY_HEADER) != null) {
                    // First half of a primary-key update; DMS writes only the U row with the new key.
                    return Optional.empty();
                }
                operation = ChangeOperation.DELETE;
                image = value.getStruct("before");
            }
            default -> {
                return Optional.empty();
            }
        }
        boolean noKey = keySchema.isEmpty();
        if (operation != ChangeOperation.INSERT && (noKey || settings.cdcInsertsOnly())
                || operation == ChangeOperation.DELETE && settings.cdcInsertsAndUpdates()) {
            return Optional.empty();
        }
        var transaction = value.schema().field("transaction") == null ? null : value.getStruct("transaction");
        long index = transaction != null ? transaction.getInt64("total_order") : staged.size() + 1;
        var micros = source.schema().field("ts_us") != null && source.get("ts_us") != null
                ? source.getInt64("ts_us")
                : source.getInt64("ts_ms") * 1000;
        var commitTime = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        return Optional.of(new StagedChange(
                table, operation, image, previousKey, keySchema, index, source.getInt64("lsn"), commitTime));
    }

    private void commit(long commitLsn) {
        long now = System.nanoTime();
        for (var change : staged) {
            var buffer = buffer(change.table());
            var layout = layout(change);
            if (!buffer.publishedLoaded()) {
                buffer.loadPublished(publisher.published(change.table(), trailingColumnsAfterSequence(layout)));
            }
            long position = ChangeHeader.position(commitLsn, change.index());
            if (buffer.isPublished(position)) {
                if (buffer.stats().redelivered() == 0) {
                    LOG.info(
                            "Dropping re-delivered changes of {} already published in {}",
                            change.table(),
                            buffer.newestFile().orElseThrow());
                }
                continue;
            }
            if (!buffer.isEmpty() && buffer.layout() != layout) {
                publish(buffer);
            }
            var header =
                    new ChangeHeader(change.operation(), change.commitTime(), commitLsn, change.changeLsn(), position);
            ticket.addRow();
            buffer.append(
                    layout,
                    new TableBuffer.Row(
                            layout.row(header, change.image(), change.previousKey()),
                            position,
                            change.commitTime(),
                            ticket),
                    now);
            lastCommitTime = change.commitTime();
        }
    }

    private TableLayout layout(StagedChange change) {
        var schema = change.image().schema();
        var current = layouts.get(change.table());
        if (current != null
                && (current.valueSchema() == schema || current.valueSchema().equals(schema))) {
            return current;
        }
        var mappings = task.tableMappings();
        var table = change.table();
        var layout = new TableLayout(
                table,
                schema,
                change.keySchema(),
                task.s3Settings(),
                mappings.addedColumns(table.schema(), table.table()),
                mappings.beforeImage(table.schema(), table.table()),
                types);
        if (current != null) {
            LOG.info("Schema of {} changed; the next change files have columns {}", table, layout.columns());
        }
        layouts.put(table, layout);
        return layout;
    }

    private int trailingColumnsAfterSequence(TableLayout layout) {
        var sequenceColumn = task
                .tableMappings()
                .addedColumns(layout.table().schema(), layout.table().table())
                .stream()
                .filter(rule -> HeaderExpression.of(rule.expression()).orElse(null) == HeaderExpression.CHANGE_SEQ)
                .findFirst();
        return sequenceColumn
                .map(rule -> layout.columns().size() - 1 - layout.indexOf(rule.columnName()))
                .orElse(-1);
    }

    private void publishBuffers(boolean all) {
        long now = System.nanoTime();
        for (var buffer : buffers.values()) {
            if (all ? !buffer.isEmpty() : buffer.due(now, maxIntervalNanos, minFileBytes)) {
                publish(buffer);
            }
        }
    }

    private void publish(TableBuffer buffer) {
        var rows = buffer.rows();
        var values = rows.stream().map(TableBuffer.Row::values).toList();
        var file = publisher.publish(
                buffer.layout(), values, rows.get(rows.size() - 1).position(), buffer.newestFile());
        LOG.debug("Published {} rows of {} to {}", rows.size(), buffer.table(), file);
        buffer.published(file);
        CrashPoint.afterPublish();
    }

    private void reportPublished(DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        ChangeEvent<SourceRecord, SourceRecord> last = null;
        while (!pending.isEmpty()
                && (pending.peek().ticket() == null || pending.peek().ticket().published())) {
            last = pending.poll().event();
        }
        if (last != null) {
            committer.markProcessed(last);
        }
        committer.markBatchFinished();
    }

    private TableBuffer buffer(TableId table) {
        synchronized (buffers) {
            return buffers.computeIfAbsent(table, TableBuffer::new);
        }
    }

    private static long commitLsn(SourceRecord record, Struct value) {
        var offset = record.sourceOffset().get("lsn_commit");
        if (offset instanceof Number number) {
            return number.longValue();
        }
        var id = value.getString("id");
        return Long.parseLong(id.substring(id.indexOf(':') + 1));
    }
}
