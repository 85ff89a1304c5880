package dev.lakepipe.steps.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.dms.DmsColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze row shape shared by full-load and CDC files: {@code Op} (string, first), the source
 * columns in table order, {@code trx_seq} (35-digit AR_H_CHANGE_SEQ string), {@code _hoodie_is_deleted}
 * (boolean). Every column is nullable, as in the DMS parquet files.
 */
public record BronzeSchema(PgTable table, List<BronzeColumn> columns) implements Serializable {

    public static final String OP = DmsColumns.OP;
    public static final String TRX_SEQ = DmsColumns.TRX_SEQ;
    public static final String IS_DELETED = DmsColumns.IS_DELETED;

    public BronzeSchema {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
    }

    public static BronzeSchema of(PgTable table) {
        return new BronzeSchema(
                table, table.columns().stream().map(BronzeColumn::of).toList());
    }

    public StructType sparkSchema() {
        var fields = new ArrayList<StructField>();
        fields.add(DataTypes.createStructField(OP, DataTypes.StringType, true));
        for (var column : columns) {
            fields.add(DataTypes.createStructField(column.name(), sparkType(column), true));
        }
        fields.add(DataTypes.createStructField(TRX_SEQ, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(IS_DELETED, DataTypes.BooleanType, true));
        return DataTypes.createStructType(fields);
    }

    /** {@code SELECT <columns> FROM <table>} as the COPY reader runs it, before the partition's WHERE. */
    public String selectSql() {
        var select = String.join(
                ", ", columns.stream().map(BronzeColumn::selectExpression).toList());
        return "SELECT " + select + " FROM " + table.qualifiedName();
    }

    /** The Spark type {@code column} lands as in bronze and silver. */
    public static DataType sparkType(BronzeColumn column) {
        return switch (column.codec()) {
            case SHORT -> DataTypes.ShortType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case DECIMAL -> DataTypes.createDecimalType(column.precision(), column.scale());
            case STRING -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case DATE -> DataTypes.DateType;
            case BINARY -> DataTypes.BinaryType;
        };
    }
}
