package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.DmsColumns;
import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.PutMetricData;
import dev.lakepipe.metrics.TableLag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Publishes a table's lag after each apply cycle ({@link TableLag}): the change files pending at the end of the cycle
 * (listed again, so files that arrived while it ran count), the newest captured change's commit time from the newest
 * pending file's {@code trx_seq} statistics (its Parquet footer, no data read), and the slot's retained WAL.
 */
public final class ApplyMetrics {

    private final String identifier;
    private final TableApplier applier;
    private final Configuration hadoopConf;
    private final MetricsPublisher publisher;
    private final Supplier<Optional<Long>> slotRetainedWal;

    public ApplyMetrics(
            String identifier,
            TableApplier applier,
            Configuration hadoopConf,
            MetricsPublisher publisher,
            Supplier<Optional<Long>> slotRetainedWal) {
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.applier = requireNonNull(applier, "applier is null");
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.slotRetainedWal = requireNonNull(slotRetainedWal, "slotRetainedWal is null");
    }

    public TableLag publish(ApplyTable table, CycleResult result, Instant at) {
        var pending = applier.pendingFiles(table, result.checkpoint());
        var newestApplied = result.checkpoint()
                .flatMap(ApplyCheckpoint::newestChangeSeq)
                .map(seq -> ChangeSequence.parse(seq).commitTime());
        var newestCaptured = pending.isEmpty() ? newestApplied : newestCommit(pending.get(pending.size() - 1));
        var lag = TableLag.of(
                identifier,
                table.table(),
                at,
                newestApplied,
                newestCaptured,
                pending.size(),
                pending.stream().mapToLong(ChangeFile::length).sum(),
                slotRetainedWal.get());
        publisher.publish(new PutMetricData(MetricsPublisher.NAMESPACE, lag.data()));
        return lag;
    }

    /** The largest {@code trx_seq} of a change file by its footer's statistics; empty when it has none. */
    private Optional<Instant> newestCommit(ChangeFile file) {
        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), hadoopConf))) {
            Optional<String> newest = Optional.empty();
            for (var block : reader.getFooter().getBlocks()) {
                for (var column : block.getColumns()) {
                    var statistics = column.getStatistics();
                    if (column.getPath().toDotString().equals(DmsColumns.TRX_SEQ)
                            && statistics != null
                            && statistics.hasNonNullValue()
                            && statistics.genericGetMax() instanceof Binary max) {
                        var seq = max.toStringUsingUTF8();
                        newest = newest.filter(current -> current.compareTo(seq) >= 0)
                                .or(() -> Optional.of(seq));
                    }
                }
            }
            return newest.map(seq -> ChangeSequence.parse(seq).commitTime());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the footer of change file " + file.path(), e);
        }
    }
}
