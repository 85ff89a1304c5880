package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Lines the columns of a batch of change rows up with the silver table's current schema (spec §3.10/3.11):
 * every table column keeps its type (decimals pinned, narrower integers and {@code TIMESTAMP_NTZ} cast up),
 * a table column missing from the batch becomes NULL (a key column missing stops the table), a new source
 * column is added as nullable (older rows read NULL), and a change that cannot be stored without loss stops
 * the table with {@link IncompatibleChangeException}. Columns named in {@code passThrough} (before-image and
 * bookkeeping columns) are kept as they are and never become table columns.
 */
public final class SchemaReconciler {

    private static final List<DataType> INTEGRALS =
            List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);

    private final String table;
    private final StructType tableSchema;
    private final Set<String> keyColumns;

    /** {@code tableSchema} without Hudi meta columns; {@code table} names the table in errors. */
    public SchemaReconciler(String table, StructType tableSchema, List<String> keyColumns) {
        this.table = requireNonNull(table, "table is null");
        this.tableSchema = requireNonNull(tableSchema, "tableSchema is null");
        this.keyColumns = Set.copyOf(keyColumns);
    }

    /** The batch columns to select: table columns in table order, then every other batch column (new or pass-through). */
    public List<Column> columns(StructType batchSchema) {
        var batch = byLowerName(batchSchema);
        var columns = new ArrayList<Column>();
        for (StructField field : tableSchema.fields()) {
            var incoming = batch.remove(lower(field.name()));
            if (incoming == null) {
                columns.add(missing(field));
            } else {
                columns.add(aligned(incoming, field));
            }
        }
        for (StructField incoming : batch.values()) {
            columns.add(col(quoted(incoming.name()))
                    .cast(normalized(incoming.dataType()))
                    .as(incoming.name()));
        }
        return columns;
    }

    /** The schema {@link #columns} produces for the table columns and the new columns (nullable). */
    public StructType targetSchema(StructType batchSchema, Set<String> passThrough) {
        var batch = byLowerName(batchSchema);
        var fields = new ArrayList<StructField>();
        for (StructField field : tableSchema.fields()) {
            var incoming = batch.remove(lower(field.name()));
            fields.add(DataTypes.createStructField(
                    field.name(), incoming == null ? field.dataType() : targetType(incoming, field), true));
        }
        batch.values().stream()
                .filter(incoming -> !passThrough.contains(incoming.name()))
                .forEach(incoming -> fields.add(
                        DataTypes.createStructField(incoming.name(), normalized(incoming.dataType()), true)));
        return DataTypes.createStructType(fields);
    }

    private Column missing(StructField field) {
        if (keyColumns.contains(field.name())) {
            throw new IncompatibleChangeException(
                    "Cannot apply changes to %s: key column '%s' is missing from the change files (dropped or renamed in the source); "
                            + "restore the column or re-create the table with jdbc_load and seed_hudi",
                    table, field.name());
        }
        return lit(null).cast(field.dataType()).as(field.name());
    }

    private Column aligned(StructField incoming, StructField field) {
        return col(quoted(incoming.name())).cast(targetType(incoming, field)).as(field.name());
    }

    private DataType targetType(StructField incoming, StructField field) {
        var from = normalized(incoming.dataType());
        var to = field.dataType();
        if (from.equals(to) || fitsInto(from, to)) {
            return to;
        }
        if (isPromotion(to, from)) {
            return from;
        }
        throw new IncompatibleChangeException(
                "Cannot apply changes to %s: column '%s' arrives as %s but the silver table stores %s, which cannot hold it without loss; "
                        + "re-create the table with jdbc_load and seed_hudi after the source change (no change file was marked applied)",
                table, field.name(), incoming.dataType().simpleString(), to.simpleString());
    }

    /** Incoming values of type {@code from} can be stored in a column of type {@code to} without loss. */
    static boolean fitsInto(DataType from, DataType to) {
        if (INTEGRALS.contains(from) && INTEGRALS.contains(to)) {
            return INTEGRALS.indexOf(from) <= INTEGRALS.indexOf(to);
        }
        if (from instanceof DecimalType source && to instanceof DecimalType target) {
            return source.scale() <= target.scale()
                    && source.precision() - source.scale() <= target.precision() - target.scale();
        }
        return from.equals(DataTypes.FloatType) && to.equals(DataTypes.DoubleType);
    }

    /** The table column may widen from {@code stored} to {@code incoming} (Avro promotion, accepted by Hudi). */
    static boolean isPromotion(DataType stored, DataType incoming) {
        return (stored.equals(DataTypes.IntegerType)
                                || stored.equals(DataTypes.ShortType)
                                || stored.equals(DataTypes.ByteType))
                        && incoming.equals(DataTypes.LongType)
                || stored.equals(DataTypes.FloatType) && incoming.equals(DataTypes.DoubleType);
    }

    /** Hudi 0.15 cannot write TIMESTAMP_NTZ: such columns become timestamps. */
    static DataType normalized(DataType type) {
        return type instanceof TimestampNTZType ? DataTypes.TimestampType : type;
    }

    private static Map<String, StructField> byLowerName(StructType schema) {
        var fields = new LinkedHashMap<String, StructField>();
        for (StructField field : schema.fields()) {
            fields.put(lower(field.name()), field);
        }
        return fields;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
