package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lakepipe.steps.apply.ApplyCheckpoint;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.SeedHudi;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.verify.KeyRecheck.LakeImage;
import dev.lakepipe.steps.verify.KeyRecheck.LakeRead;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Reads some keys of a silver table, deleted rows included, with the apply's position: the newest applied
 * {@code trx_seq} ({@link ApplyCheckpoint#newestChangeSeq}) or the seed's handoff, whichever is greater. The read
 * filters each {@link CanonicalSql#indexedKeys} column by the keys' values first, so Parquet skips row groups that hold
 * none of them.
 */
final class LakeKeys {

    private static final String KEY = "row_key";
    private static final String HASH = "row_hash";

    private final SparkSession spark;
    private final CanonicalRow canonical;
    private final HudiTable hudi;
    private final CheckpointStore checkpoints;

    LakeKeys(SparkSession spark, CanonicalRow canonical, HudiTable hudi) {
        this.spark = requireNonNull(spark, "spark is null");
        this.canonical = requireNonNull(canonical, "canonical is null");
        this.hudi = requireNonNull(hudi, "hudi is null");
        this.checkpoints = new CheckpointStore(spark.sparkContext().hadoopConfiguration());
    }

    /** The apply's position now: every change at or below it is in the table. */
    Optional<String> position() {
        var applied = checkpoints.read(hudi.basePath()).flatMap(ApplyCheckpoint::newestChangeSeq);
        return Stream.concat(applied.stream(), seedSeq().stream()).max(String::compareTo);
    }

    /** The keys' rows, read after the position, so that every change at or below it is in them. */
    LakeRead read(List<DifferingKey> keys) {
        var position = position();
        var seedSeq = seedSeq();
        var rows = spark.read().format("hudi").load(hudi.basePath());
        var names = List.of(rows.columns());
        var indexed = canonical.sql().indexedKeys(hudi.recordKeys());
        for (int i = 0; i < indexed.size(); i++) {
            var type = rows.schema().apply(indexed.get(i)).dataType();
            int column = i;
            var values = keys.stream()
                    .map(key -> key.indexedValues().get(column))
                    .distinct()
                    .map(value -> lit(value).cast(type))
                    .toArray();
            rows = rows.where(col("`" + indexed.get(i) + "`").isin(values));
        }
        var found = rows.where(canonical
                        .sparkKey(hudi.recordKeys())
                        .isin(keys.stream().map(DifferingKey::key).toArray()))
                .select(
                        canonical.sparkKey(hudi.recordKeys()).as(KEY),
                        canonical.sparkHash().as(HASH),
                        names.contains(BronzeSchema.IS_DELETED)
                                ? col(BronzeSchema.IS_DELETED).equalTo(true)
                                : lit(false),
                        names.contains(BronzeSchema.TRX_SEQ) ? col(BronzeSchema.TRX_SEQ) : lit(""))
                .collectAsList();
        var images = new HashMap<String, LakeImage>();
        for (var row : found) {
            images.put(
                    row.getString(0),
                    new LakeImage(
                            row.getLong(1),
                            !row.isNullAt(2) && row.getBoolean(2),
                            row.isNullAt(3) ? "" : row.getString(3)));
        }
        return new LakeRead(position, seedSeq, images);
    }

    private Optional<String> seedSeq() {
        return checkpoints
                .newestMetadata(hudi.basePath(), SeedHudi.SEED_SEQ_METADATA_KEY)
                .map(CheckpointStore.CommitValue::value);
    }
}
