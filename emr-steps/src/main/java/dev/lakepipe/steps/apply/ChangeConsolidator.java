package dev.lakepipe.steps.apply;

import static dev.lakepipe.dms.DmsColumns.IS_DELETED;
import static dev.lakepipe.dms.DmsColumns.OP;
import static dev.lakepipe.dms.DmsColumns.TRX_SEQ;
import static dev.lakepipe.steps.apply.SchemaReconciler.quoted;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;

import dev.lakepipe.dms.DmsColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a batch of change rows into one row per key, ready for an ordering-aware upsert:
 * <ol>
 *   <li>{@code _hoodie_is_deleted = (Op = 'D')};</li>
 *   <li>a key change (a {@code U} row whose {@code BI_<key>} before-image columns differ from its key, which is
 *       how DMS reports an update of a primary-key column) also yields a delete of the old key, with the same
 *       {@code trx_seq};</li>
 *   <li>per key, only the change with the largest {@code trx_seq} (35-digit strings, compared as strings) is
 *       kept, so the result never depends on Hudi's tie handling.</li>
 * </ol>
 */
public final class ChangeConsolidator {

    private final List<String> keyColumns;

    public ChangeConsolidator(List<String> keyColumns) {
        this.keyColumns = List.copyOf(keyColumns);
        if (this.keyColumns.isEmpty()) {
            throw new IllegalArgumentException("keyColumns is empty");
        }
    }

    /** {@code changes} holds the reconciled batch; the result has the columns of {@code target} plus {@code _hoodie_is_deleted}. */
    public Dataset<Row> consolidate(Dataset<Row> changes, StructType target) {
        requireNonNull(changes, "changes is null");
        var hasOp = Arrays.asList(changes.columns()).contains(OP);
        var flagged =
                changes.withColumn(IS_DELETED, hasOp ? coalesce(upper(col(OP)).equalTo("D"), lit(false)) : lit(false));
        var withKeyChanges = beforeImageColumns(changes.schema())
                .map(beforeImage -> flagged.unionByName(oldKeyDeletes(flagged, beforeImage)))
                .orElse(flagged);
        var latestFirst = Window.partitionBy(
                        keyColumns.stream().map(name -> col(quoted(name))).toArray(Column[]::new))
                .orderBy(desc(TRX_SEQ), desc(IS_DELETED));
        var latest = withKeyChanges
                .withColumn("_lakepipe_rank", row_number().over(latestFirst))
                .where(col("_lakepipe_rank").equalTo(1));
        var output = new ArrayList<Column>();
        for (var field : target.fields()) {
            if (!field.name().equals(IS_DELETED)) {
                output.add(col(quoted(field.name())));
            }
        }
        output.add(col(IS_DELETED));
        return latest.select(output.toArray(Column[]::new));
    }

    /** The {@code BI_<key>} column for each key column, when the batch has all of them. */
    Optional<List<String>> beforeImageColumns(StructType schema) {
        var names = Arrays.asList(schema.fieldNames());
        var beforeImage = keyColumns.stream()
                .map(key -> DmsColumns.BEFORE_IMAGE_PREFIX + key)
                .toList();
        return names.containsAll(beforeImage) ? Optional.of(beforeImage) : Optional.empty();
    }

    private Dataset<Row> oldKeyDeletes(Dataset<Row> changes, List<String> beforeImage) {
        Column keyChanged = lit(false);
        Column hasBeforeImage = lit(true);
        for (int i = 0; i < keyColumns.size(); i++) {
            var key = col(quoted(keyColumns.get(i)));
            var old = col(quoted(beforeImage.get(i)));
            hasBeforeImage = hasBeforeImage.and(old.isNotNull());
            keyChanged = keyChanged.or(not(old.eqNullSafe(key)));
        }
        var updates =
                changes.where(upper(col(OP)).equalTo("U").and(hasBeforeImage).and(keyChanged));
        var columns = new ArrayList<Column>();
        for (var name : changes.columns()) {
            int keyIndex = keyColumns.indexOf(name);
            if (keyIndex >= 0) {
                columns.add(col(quoted(beforeImage.get(keyIndex)))
                        .cast(changes.schema().apply(name).dataType())
                        .as(name));
            } else if (name.equals(TRX_SEQ) || beforeImage.contains(name) || name.equals(ChangeColumns.SOURCE_FILE)) {
                columns.add(col(quoted(name)));
            } else if (name.equals(OP)) {
                columns.add(lit("D").as(OP));
            } else if (name.equals(IS_DELETED)) {
                columns.add(lit(true).as(IS_DELETED));
            } else {
                columns.add(
                        lit(null).cast(changes.schema().apply(name).dataType()).as(name));
            }
        }
        return updates.select(columns.toArray(Column[]::new));
    }
}
