package dev.lakepipe.steps.apply;

import static dev.lakepipe.dms.DmsColumns.OP;
import static dev.lakepipe.dms.DmsColumns.TRX_SEQ;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.upper;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.SourceProtection;
import dev.lakepipe.steps.hudi.SeedHudi;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Stops a table whose source was truncated after its seed. DMS does not replicate TRUNCATE from PostgreSQL, so the
 * table's own change files never say it; the source protection's trigger wrote a marker row into
 * {@code lakepipe.truncations} in the truncating transaction, which DMS captured like any row
 * ({@code <bronze>/incremental/<db>/lakepipe/truncations/}). A marker whose {@code trx_seq} is after the seed's handoff
 * means the silver table still holds rows the source removed: nothing more is applied until the table is reloaded,
 * whose new handoff is after the marker. A silver table seeded without a handoff record counts every marker.
 */
final class TruncationCheck {

    private final SparkSession spark;
    private final ChangeFileLister lister;
    private final CheckpointStore checkpoints;

    TruncationCheck(SparkSession spark, ChangeFileLister lister, CheckpointStore checkpoints) {
        this.spark = requireNonNull(spark, "spark is null");
        this.lister = requireNonNull(lister, "lister is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
    }

    /** The change folder of the markers, beside the table's: {@code <bronze>/incremental/<db>/lakepipe/truncations}. */
    static String markerFolder(ApplyTable table) {
        var database = new Path(table.changeFolder()).getParent().getParent();
        return new Path(new Path(database, SourceProtection.SCHEMA), SourceProtection.TRUNCATIONS_TABLE).toString();
    }

    /**
     * The full load's handoff {@code trx_seq} the silver table was seeded with, when recorded (by the seed commit, and
     * carried by every apply commit after it).
     */
    Optional<String> seedSeq(ApplyTable table) {
        return checkpoints
                .newestMetadata(table.basePath(), SeedHudi.SEED_SEQ_METADATA_KEY)
                .map(CheckpointStore.CommitValue::value);
    }

    /** Throws when the source table was truncated after the silver table was seeded ({@code seedSeq}). */
    void requireNotTruncated(ApplyTable table, Optional<String> seedSeq) {
        var files = lister.list(markerFolder(table));
        if (files.isEmpty()) {
            return;
        }
        var schemaAndTable = table.table().split("\\.", 2);
        var markers = spark.read()
                .parquet(files.stream().map(ChangeFile::path).toArray(String[]::new))
                .where(col(SourceProtection.TABLE_SCHEMA_COLUMN)
                        .equalTo(schemaAndTable[0])
                        .and(col(SourceProtection.TABLE_NAME_COLUMN).equalTo(schemaAndTable[1]))
                        .and(upper(col(OP)).equalTo("I")));
        if (seedSeq.isPresent()) {
            markers = markers.where(col(TRX_SEQ).gt(seedSeq.get()));
        }
        var first = markers.orderBy(col(TRX_SEQ))
                .select(col(SourceProtection.TRUNCATED_AT_COLUMN).cast("string"), col(TRX_SEQ))
                .limit(1)
                .collectAsList();
        if (!first.isEmpty()) {
            throw truncated(table, first.get(0).getString(0), first.get(0).getString(1), seedSeq);
        }
    }

    private static LakepipeException truncated(
            ApplyTable table, String truncatedAt, String markerSeq, Optional<String> seedSeq) {
        return new LakepipeException(
                "Cannot apply changes to %s: the source table was truncated at %s (marker trx_seq %s in %s, after the"
                        + " seed's handoff %s), and DMS does not replicate TRUNCATE from PostgreSQL, so the silver table"
                        + " %s still holds the rows the truncate removed. Nothing was applied and the checkpoint is"
                        + " unchanged. Reload the table while CDC runs on: lakepipe tables reload %s --identifier"
                        + " <identifier> (on AWS the launcher event {\"identifier\": \"<identifier>\", \"pipeline\":"
                        + " \"jdbc_load\", \"tables\": [\"%s\"]}); the apply then resumes from the reload's handoff"
                        + " (docs/operations.md, \"Reloading one table\")",
                table.table(),
                truncatedAt,
                markerSeq,
                SourceProtection.SCHEMA + "." + SourceProtection.TRUNCATIONS_TABLE,
                seedSeq.orElse("(none recorded)"),
                table.basePath(),
                table.table(),
                table.table());
    }
}
