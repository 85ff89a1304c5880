package dev.lakepipe.steps.apply;

import static dev.lakepipe.dms.DmsColumns.OP;
import static dev.lakepipe.dms.DmsColumns.TRX_SEQ;
import static dev.lakepipe.steps.apply.SchemaReconciler.quoted;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.upper;

import dev.lakepipe.dms.DmsColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * One way a change row can be corrupt, as a Spark condition and the words that name it in an error: a NULL key column,
 * a before-image key that is NULL in some columns only (DMS sets all of {@code BI_<pk>} on an update and none on an
 * insert or delete), a {@code trx_seq} that is not 35 digits, an {@code Op} other than I, U, D.
 */
record RowDefect(String description, Column test) {

    private static final String CHANGE_SEQ_PATTERN = "^[0-9]{35}$";

    RowDefect {
        requireNonNull(description, "description is null");
        requireNonNull(test, "test is null");
    }

    /** The defects to look for in a batch with {@code schema} whose record key is {@code keys}. */
    static List<RowDefect> of(List<String> keys, StructType schema) {
        var defects = new ArrayList<RowDefect>();
        for (var key : keys) {
            defects.add(new RowDefect(
                    "key column " + key + " is NULL", col(quoted(key)).isNull()));
        }
        var beforeImage =
                keys.stream().map(key -> DmsColumns.BEFORE_IMAGE_PREFIX + key).toList();
        if (beforeImage.size() > 1 && Arrays.asList(schema.fieldNames()).containsAll(beforeImage)) {
            Column anyNull = lit(false);
            Column anySet = lit(false);
            for (var column : beforeImage) {
                anyNull = anyNull.or(col(quoted(column)).isNull());
                anySet = anySet.or(col(quoted(column)).isNotNull());
            }
            defects.add(new RowDefect(
                    "the before-image key (" + String.join(", ", beforeImage) + ") is partly NULL",
                    anyNull.and(anySet)));
        }
        defects.add(new RowDefect(
                TRX_SEQ + " is NULL or not 35 digits",
                col(TRX_SEQ).isNull().or(not(col(TRX_SEQ).rlike(CHANGE_SEQ_PATTERN)))));
        if (Arrays.asList(schema.fieldNames()).contains(OP)) {
            defects.add(new RowDefect(
                    OP + " is not I, U or D", coalesce(not(upper(col(OP)).isin("I", "U", "D")), lit(true))));
        }
        return List.copyOf(defects);
    }
}
