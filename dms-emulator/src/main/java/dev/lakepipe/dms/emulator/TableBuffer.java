package dev.lakepipe.dms.emulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of one table waiting for the next change file, and what is already published for the table. */
final class TableBuffer {
    record Row(Object[] values, long position, Instant commitTime, CommitTicket ticket) {}

    private final TableId table;
    private final List<Row> rows = new ArrayList<>();
    private TableLayout layout;
    private long firstRowNanos;
    private long estimatedBytes;
    private Optional<Path> newestFile = Optional.empty();
    private long publishedPosition = -1;
    private boolean publishedLoaded;
    private final TableStats stats;

    TableBuffer(TableId table) {
        this.table = table;
        this.stats = new TableStats(table.toString());
    }

    TableId table() {
        return table;
    }

    TableStats stats() {
        return stats;
    }

    boolean publishedLoaded() {
        return publishedLoaded;
    }

    void loadPublished(ChangeFilePublisher.Published published) {
        newestFile = published.newestFile();
        publishedPosition = published.maxPosition().orElse(-1);
        publishedLoaded = true;
    }

    /** True when the change at {@code position} is already in a published file (a re-delivery after a restart). */
    boolean isPublished(long position) {
        return position <= publishedPosition;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    TableLayout layout() {
        return layout;
    }

    /** Appends a row; the caller flushes first when the layout changes (one schema per file). */
    void append(TableLayout rowLayout, Row row, long nowNanos) {
        if (rows.isEmpty()) {
            layout = rowLayout;
            firstRowNanos = nowNanos;
            estimatedBytes = 0;
        }
        rows.add(row);
        estimatedBytes += estimateBytes(row.values());
        stats.buffered(row.commitTime());
    }

    boolean due(long nowNanos, long maxIntervalNanos, long minFileBytes) {
        return !rows.isEmpty() && (nowNanos - firstRowNanos >= maxIntervalNanos || estimatedBytes >= minFileBytes);
    }

    List<Row> rows() {
        return rows;
    }

    Optional<Path> newestFile() {
        return newestFile;
    }

    void published(Path file) {
        var last = rows.get(rows.size() - 1);
        for (var row : rows) {
            row.ticket().rowPublished();
        }
        stats.published(file, rows.size(), last.commitTime());
        newestFile = Optional.of(file);
        publishedPosition = last.position();
        rows.clear();
        estimatedBytes = 0;
    }

    private static long estimateBytes(Object[] values) {
        long bytes = 0;
        for (var value : values) {
            if (value instanceof String text) {
                bytes += text.length();
            } else if (value instanceof byte[] data) {
                bytes += data.length;
            } else {
                bytes += 8;
            }
        }
        return bytes;
    }
}
