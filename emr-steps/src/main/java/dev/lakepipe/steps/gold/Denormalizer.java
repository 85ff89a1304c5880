package dev.lakepipe.steps.gold;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.apply.CheckpointStore;
import dev.lakepipe.steps.custom.CustomStepContext;
import dev.lakepipe.steps.custom.GoldTableWriter;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.source.BronzeSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds and maintains a {@link DenormalizedTable}. The first run (or {@code fullRebuild}) joins the silver snapshots
 * and replaces the gold table. Later runs are incremental (docs/consumption.md has the correctness argument):
 * <ol>
 *   <li>per source, the rows changed since the instant in the gold checkpoint (Hudi incremental query up to the
 *       source's newest commit, pinned at the start);</li>
 *   <li>affected gold keys: changed fact rows; gold rows that reference a changed dimension row and whose stored copy
 *       of its columns differs from the new values (a district's d_ytd changing on every payment is not copied, so it
 *       affects nothing); when the window's commits deleted records (Hudi write stats), gold rows whose fact row or
 *       referenced dimension row no longer exists;</li>
 *   <li>the affected rows are rebuilt from the changed fact rows plus gold's own fact columns for unchanged fact rows,
 *       joined to the dimension snapshots, and upserted with the new checkpoint in the same commit; fact rows gone from
 *       silver become deletes.</li>
 * </ol>
 * A checkpoint that can no longer be trusted (silver re-seeded, archived or cleaned past it) turns the run into a full one.
 */
final class Denormalizer {

    private static final String NEW = "__new_";
    private static final String KEY = "__key_";

    private final CustomStepContext context;
    private final DenormalizedTable spec;
    private final GoldTableWriter writer;
    private final Map<GoldSource, HudiTable> silver = new LinkedHashMap<>();

    Denormalizer(CustomStepContext context, DenormalizedTable spec) {
        this.context = requireNonNull(context, "context is null");
        this.spec = requireNonNull(spec, "spec is null");
        spec.sources().forEach(source -> silver.put(source, context.silverTable(source.table())));
        this.writer =
                context.goldWriter(context.goldTable(spec.name(), spec.fact().keys(), spec.partitionFields()));
    }

    HudiTable gold() {
        return writer.table();
    }

    GoldRun run(boolean fullRebuild) {
        var started = System.nanoTime();
        var hadoop = context.spark().sparkContext().hadoopConfiguration();
        var timelines = new LinkedHashMap<GoldSource, SilverTimeline>();
        var ends = new LinkedHashMap<String, String>();
        silver.forEach((source, table) -> {
            var timeline = SilverTimeline.of(hadoop, table.basePath(), source.table());
            timelines.put(source, timeline);
            ends.put(table.name(), timeline.lastInstant());
        });
        var checkpoint = new GoldCheckpoint(ends);
        var stored = goldExists() ? previous() : Optional.<GoldCheckpoint>empty();
        var fullReason = fullReason(fullRebuild, stored, timelines);
        Counts counts;
        if (fullReason.isPresent()) {
            counts = full(checkpoint);
        } else if (stored.orElseThrow().equals(checkpoint)) {
            counts = new Counts(0, 0, 0); // no silver commit since the last run: nothing to write
        } else {
            counts = incremental(stored.orElseThrow(), checkpoint, timelines);
        }
        var duration = Duration.ofNanos(System.nanoTime() - started);
        return new GoldRun(
                gold().database() + "." + gold().name(),
                fullReason.isPresent() ? GoldRun.Mode.FULL : GoldRun.Mode.INCREMENTAL,
                fullReason.orElse("since the last run"),
                counts.changed(),
                counts.recomputed(),
                counts.deleted(),
                goldSnapshot().count(),
                ends,
                duration);
    }

    /** Rows read from silver, rows recomputed, rows deleted. */
    private record Counts(long changed, long recomputed, long deleted) {}

    private Optional<String> fullReason(
            boolean fullRebuild, Optional<GoldCheckpoint> stored, Map<GoldSource, SilverTimeline> timelines) {
        if (fullRebuild) {
            return Optional.of("--full-rebuild");
        }
        if (!goldExists()) {
            return Optional.of("first run");
        }
        if (stored.isEmpty()) {
            return Optional.of("no gold checkpoint");
        }
        for (var entry : timelines.entrySet()) {
            var table = silver.get(entry.getKey()).name();
            var begin = stored.get().instant(table);
            if (begin.isEmpty()) {
                return Optional.of("new source " + table);
            }
            var problem = entry.getValue().cannotReadAfter(begin.get());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<GoldCheckpoint> previous() {
        return new CheckpointStore(context.spark().sparkContext().hadoopConfiguration())
                .newestMetadata(gold().basePath(), GoldCheckpoint.COMMIT_METADATA_KEY)
                .map(found -> GoldCheckpoint.fromJson(found.value(), gold().basePath() + " commit " + found.instant()));
    }

    private Counts full(GoldCheckpoint checkpoint) {
        var rows = denormalize(snapshot(spec.fact(), spec.factColumns())).cache();
        try {
            var count = rows.count();
            writer.overwrite(rows, Map.of(GoldCheckpoint.COMMIT_METADATA_KEY, checkpoint.toJson()));
            return new Counts(count, count, 0);
        } finally {
            rows.unpersist();
        }
    }

    private Counts incremental(
            GoldCheckpoint previous, GoldCheckpoint checkpoint, Map<GoldSource, SilverTimeline> timelines) {
        var cached = new ArrayList<Dataset<Row>>();
        try {
            var gold = goldSnapshot();
            var fact = spec.fact();
            long changed = 0;
            Dataset<Row> factChanges = null;
            var affected = new ArrayList<Dataset<Row>>();
            Dataset<Row> removed = gold.limit(0).select(columns(fact.keys()));
            for (var source : spec.sources()) {
                var table = silver.get(source);
                var begin = previous.instant(table.name()).orElseThrow();
                var end = checkpoint.instant(table.name()).orElseThrow();
                var columns = source == fact ? spec.factColumns() : concat(source.keys(), source.columns());
                var changes =
                        begin.equals(end) ? snapshot(source, columns).limit(0) : changes(table, columns, begin, end);
                changes = changes.cache();
                cached.add(changes);
                var count = changes.count();
                changed += count;
                var deletes = begin.equals(end) ? 0 : timelines.get(source).deletesBetween(begin, end);
                if (source == fact) {
                    factChanges = changes;
                    affected.add(changes.select(columns(fact.keys())));
                    if (deletes > 0) {
                        removed = gold.select(columns(fact.keys()))
                                .join(snapshot(fact, fact.keys()), using(fact.keys()), "left_anti");
                    }
                } else {
                    if (count > 0) {
                        affected.add(staleReferences(gold, source, changes));
                    }
                    if (deletes > 0) {
                        affected.add(danglingReferences(gold, source));
                    }
                }
            }
            removed = removed.cache();
            cached.add(removed);
            var keys = affected.stream()
                    .reduce(Dataset::union)
                    .orElseThrow()
                    .distinct()
                    .join(removed, using(fact.keys()), "left_anti")
                    .cache();
            cached.add(keys);
            var unchangedFacts = gold.select(columns(spec.factColumns()))
                    .join(keys, using(fact.keys()), "left_semi")
                    .join(factChanges.select(columns(fact.keys())), using(fact.keys()), "left_anti");
            var rebuilt = denormalize(factChanges.unionByName(unchangedFacts)).cache();
            cached.add(rebuilt);
            var recomputed = rebuilt.count();
            var deleted = removed.count();
            var deletes = removed.withColumn(BronzeSchema.IS_DELETED, lit(true))
                    .withColumn(CustomStepContext.GOLD_UPDATED_AT, current_timestamp());
            var batch = rebuilt.unionByName(deletes, true);
            writer.upsert(batch, Map.of(GoldCheckpoint.COMMIT_METADATA_KEY, checkpoint.toJson()));
            return new Counts(changed, recomputed, deleted);
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /** Gold rows referencing a changed row of {@code source} whose stored copy of its columns differs from the new values. */
    private Dataset<Row> staleReferences(Dataset<Row> gold, GoldSource source, Dataset<Row> changes) {
        var renamed = changes;
        for (var key : source.keys()) {
            renamed = renamed.withColumnRenamed(key, KEY + key);
        }
        for (var column : source.columns()) {
            renamed = renamed.withColumnRenamed(column, NEW + column);
        }
        Column joined = lit(true);
        for (int i = 0; i < source.keys().size(); i++) {
            joined = joined.and(col(source.references().get(i))
                    .equalTo(col(KEY + source.keys().get(i))));
        }
        Column same = lit(true);
        for (var column : source.columns()) {
            same = same.and(col(column).eqNullSafe(col(NEW + column)));
        }
        return gold.join(renamed, joined)
                .where(not(same))
                .select(columns(spec.fact().keys()));
    }

    /** Gold rows whose reference to {@code source} no longer finds a row (deleted in silver). */
    private Dataset<Row> danglingReferences(Dataset<Row> gold, GoldSource source) {
        var existing = snapshot(source, source.keys());
        Column joined = lit(true);
        Column referencing = lit(true);
        for (int i = 0; i < source.keys().size(); i++) {
            existing = existing.withColumnRenamed(
                    source.keys().get(i), KEY + source.keys().get(i));
            joined = joined.and(col(source.references().get(i))
                    .equalTo(col(KEY + source.keys().get(i))));
            referencing = referencing.and(col(source.references().get(i)).isNotNull());
        }
        return gold.where(referencing)
                .join(existing, joined, "left_anti")
                .select(columns(spec.fact().keys()));
    }

    /** Fact rows (fact columns) left-joined to every dimension snapshot, with the gold columns in order. */
    private Dataset<Row> denormalize(Dataset<Row> facts) {
        var rows = facts;
        for (var dimension : spec.dimensions()) {
            var lookup = snapshot(dimension, concat(dimension.keys(), dimension.columns()));
            Column joined = lit(true);
            for (int i = 0; i < dimension.keys().size(); i++) {
                var key = dimension.keys().get(i);
                lookup = lookup.withColumnRenamed(key, KEY + key);
                joined = joined.and(col(dimension.references().get(i)).equalTo(col(KEY + key)));
            }
            rows = rows.join(lookup, joined, "left");
            for (var key : dimension.keys()) {
                rows = rows.drop(KEY + key);
            }
        }
        return rows.select(columns(spec.columns()))
                .withColumn(BronzeSchema.IS_DELETED, lit(false))
                .withColumn(CustomStepContext.GOLD_UPDATED_AT, current_timestamp());
    }

    /** The silver table's current rows (deleted ones excluded), just {@code columns}. */
    private Dataset<Row> snapshot(GoldSource source, List<String> columns) {
        return live(context.spark()
                        .read()
                        .format("hudi")
                        .load(silver.get(source).basePath()))
                .select(columns(columns));
    }

    /** Rows committed after {@code begin} up to {@code end}: their current values (Hudi incremental query). */
    private Dataset<Row> changes(HudiTable table, List<String> columns, String begin, String end) {
        return live(context.spark()
                        .read()
                        .format("hudi")
                        .option("hoodie.datasource.query.type", "incremental")
                        .option("hoodie.datasource.read.begin.instanttime", begin)
                        .option("hoodie.datasource.read.end.instanttime", end)
                        .load(table.basePath()))
                .select(columns(columns));
    }

    private Dataset<Row> goldSnapshot() {
        return live(context.spark().read().format("hudi").load(gold().basePath()));
    }

    private static Dataset<Row> live(Dataset<Row> rows) {
        return List.of(rows.columns()).contains(BronzeSchema.IS_DELETED)
                ? rows.where(col(BronzeSchema.IS_DELETED).isNull().or(not(col(BronzeSchema.IS_DELETED))))
                : rows;
    }

    private boolean goldExists() {
        var properties = new Path(gold().basePath(), ".hoodie/hoodie.properties");
        try {
            return properties
                    .getFileSystem(context.spark().sparkContext().hadoopConfiguration())
                    .exists(properties);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to check gold table %s", gold().basePath());
        }
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(name -> col("`" + name + "`")).toArray(Column[]::new);
    }

    private static String[] using(List<String> names) {
        return names.toArray(String[]::new);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
