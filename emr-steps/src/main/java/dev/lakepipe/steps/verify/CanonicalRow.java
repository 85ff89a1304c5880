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
import dev.lakepipe.steps.source.PgColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The canonical text of a row, written once as PostgreSQL SQL and once as Spark columns, so that a
 * source row and its silver copy render to the same string: each value as {@code <chars>:<text>}
 * (NULL as {@code N}), joined by {@code |}. Integers and decimals in plain notation at the column's
 * scale, timestamps as UTC {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, dates ISO, char(n) with its padding,
 * bytes as lower-case hex, floating point rounded to 10 decimals. The row hash is the first 64 bits
 * of the text's MD5 as a signed bigint.
 */
public final class CanonicalRow {

    static final int FLOAT_SCALE = 10;
    private static final String TIMESTAMP_PG = "YYYY-MM-DD HH24:MI:SS.US";
    private static final String TIMESTAMP_SPARK = "yyyy-MM-dd HH:mm:ss.SSSSSS";

    private final BronzeSchema schema;

    public CanonicalRow(BronzeSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    /** SQL bigint expression: the row hash of the current source row (needs {@code TimeZone=UTC}). */
    public String postgresHash() {
        var values = new ArrayList<String>();
        for (int i = 0; i < schema.columns().size(); i++) {
            var text = postgresText(
                    schema.table().columns().get(i), schema.columns().get(i));
            values.add("coalesce(char_length(" + text + ")::text || ':' || " + text + ", 'N')");
        }
        return "('x' || substr(md5(concat_ws('|', " + String.join(", ", values) + ")), 1, 16))::bit(64)::bigint";
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

    /** The key columns' canonical text, to name differing rows (SQL and Spark). */
    public String postgresKey(List<String> keys) {
        var parts = keys.stream()
                .map(key -> {
                    var index = indexOf(key);
                    return "coalesce("
                            + postgresText(
                                    schema.table().columns().get(index),
                                    schema.columns().get(index)) + ", 'NULL')";
                })
                .toList();
        return "concat_ws(',', " + String.join(", ", parts) + ")";
    }

    public Column sparkKey(List<String> keys) {
        return concat_ws(
                ",",
                keys.stream()
                        .map(key -> coalesce(sparkText(schema.columns().get(indexOf(key))), lit("NULL")))
                        .toArray(Column[]::new));
    }

    private int indexOf(String key) {
        for (int i = 0; i < schema.columns().size(); i++) {
            if (schema.columns().get(i).name().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Invalid key column: " + key + " is not a column of "
                + schema.table().name());
    }

    static String postgresText(PgColumn source, BronzeColumn column) {
        var name = source.quotedName();
        if (source.typeName().equals("bpchar")) {
            // bpchar::text drops the padding that COPY and logical decoding keep; the output function keeps it.
            return "(CASE WHEN " + name + " IS NULL THEN NULL ELSE format('%s', " + name + ") END)";
        }
        return switch (column.codec()) {
            case SHORT, INT, LONG, STRING -> "(" + column.selectExpression() + ")::text";
            case DECIMAL ->
                "(" + column.selectExpression() + ")::numeric(" + column.precision() + "," + column.scale() + ")::text";
            case FLOAT, DOUBLE -> "round(" + name + "::numeric, " + FLOAT_SCALE + ")::text";
            case TIMESTAMP -> "to_char(" + name + ", '" + TIMESTAMP_PG + "')";
            case DATE -> "to_char(" + name + ", 'YYYY-MM-DD')";
            case BINARY -> "encode(" + name + ", 'hex')";
        };
    }

    static Column sparkText(BronzeColumn column) {
        var value = col("`" + column.name().replace("`", "``") + "`");
        return switch (column.codec()) {
            case SHORT, INT, LONG, STRING, DECIMAL -> value.cast(DataTypes.StringType);
            case FLOAT, DOUBLE ->
                value.cast(DataTypes.createDecimalType(38, FLOAT_SCALE)).cast(DataTypes.StringType);
            case TIMESTAMP -> date_format(value, TIMESTAMP_SPARK);
            case DATE -> date_format(value, "yyyy-MM-dd");
            case BINARY -> lower(hex(value));
        };
    }
}
