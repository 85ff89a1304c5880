package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.lakepipe.steps.source.BronzeColumn;
import dev.lakepipe.steps.source.BronzeSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The canonical text of a row, written as Spark columns here and as PostgreSQL and Trino SQL in {@link CanonicalSql},
 * so that a source row and its silver copy render to the same string: each value as {@code <chars>:<text>}
 * (NULL as {@code N}), joined by {@code |}. Integers and decimals in plain notation at the column's
 * scale, timestamps as UTC {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, dates ISO, char(n) with its padding,
 * bytes as lower-case hex, floating point rounded to 10 decimals. The row hash is the first 64 bits
 * of the text's MD5 as a signed bigint.
 */
public final class CanonicalRow {

    private static final String TIMESTAMP_SPARK = "yyyy-MM-dd HH:mm:ss.SSSSSS";

    private final BronzeSchema schema;
    private final CanonicalSql sql;

    public CanonicalRow(BronzeSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        this.sql = new CanonicalSql(schema.table());
    }

    /** The same definition as SQL: the source side in PostgreSQL, what Athena reads in Trino. */
    public CanonicalSql sql() {
        return sql;
    }

    /** Spark bigint column: the row hash of a silver (or bronze) row with the source's columns. */
    public Column sparkHash() {
        var values = new ArrayList<Column>();
        for (var column : schema.columns()) {
            var text = sparkText(column);
            values.add(coalesce(concat(length(text).cast(DataTypes.StringType), lit(":"), text), lit("N")));
        }
        var unsigned = conv(
                        substring(
                                md5(concat_ws("|", values.toArray(Column[]::new))
                                        .cast(DataTypes.BinaryType)),
                                1,
                                16),
                        16,
                        10)
                .cast(DataTypes.createDecimalType(20, 0));
        return when(
                        unsigned.geq(lit(new BigDecimal("9223372036854775808"))),
                        unsigned.minus(lit(new BigDecimal("18446744073709551616"))))
                .otherwise(unsigned)
                .cast(DataTypes.LongType);
    }

    /** The key columns' canonical text, to name differing rows ({@link CanonicalSql#postgresKey} in SQL). */
    public Column sparkKey(List<String> keys) {
        return concat_ws(
                ",",
                keys.stream()
                        .map(key -> coalesce(sparkText(schema.columns().get(sql.indexOf(key))), lit("NULL")))
                        .toArray(Column[]::new));
    }

    /** The canonical text of one column (NULL stays NULL), as {@link #sparkKey} joins it. */
    public Column sparkText(String column) {
        return sparkText(schema.columns().get(sql.indexOf(column)));
    }

    static Column sparkText(BronzeColumn column) {
        var value = col("`" + column.name().replace("`", "``") + "`");
        return switch (column.codec()) {
            case SHORT, INT, LONG, STRING, DECIMAL -> value.cast(DataTypes.StringType);
            case FLOAT, DOUBLE ->
                value.cast(DataTypes.createDecimalType(38, CanonicalSql.FLOAT_SCALE))
                        .cast(DataTypes.StringType);
            case TIMESTAMP -> date_format(value, TIMESTAMP_SPARK);
            case DATE -> date_format(value, "yyyy-MM-dd");
            case BINARY -> lower(hex(value));
        };
    }
}
