package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.source.BronzeColumn;
import dev.lakepipe.steps.source.PgColumn;
import dev.lakepipe.steps.source.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@link CanonicalRow}'s row text, row hash and checksum as SQL, without Spark: in PostgreSQL (verify's source side)
 * and in Trino (what Athena reads: the consumer-compatibility check). One definition, three renderings; a change to
 * one must change all three. Trino renders a timestamp at microseconds, as the source has it, so a timestamp the lake
 * stored at milliseconds differs.
 */
public final class CanonicalSql {

    static final int FLOAT_SCALE = 10;
    private static final String TIMESTAMP_PG = "YYYY-MM-DD HH24:MI:SS.US";
    private static final Set<String> INDEXED_TYPES = Set.of("int2", "int4", "int8", "text", "varchar");

    private final PgTable table;
    private final List<BronzeColumn> columns;

    public CanonicalSql(PgTable table) {
        this.table = requireNonNull(table, "table is null");
        this.columns = table.columns().stream().map(BronzeColumn::of).toList();
    }

    /** The source table's {@code schema.table}. */
    public String tableName() {
        return table.name();
    }

    /** The rows verify compares: the source table, or its distinct rows when all columns form the record key. */
    public String postgresRows(boolean keyedByAllColumns) {
        return keyedByAllColumns
                ? "(SELECT DISTINCT * FROM " + table.qualifiedName() + ") t"
                : table.qualifiedName() + " t";
    }

    /** SQL bigint expression: the row hash of the current source row (needs {@code TimeZone=UTC}). */
    public String postgresHash() {
        var values = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            var text = postgresText(table.columns().get(i), columns.get(i));
            values.add("coalesce(char_length(" + text + ")::text || ':' || " + text + ", 'N')");
        }
        return "('x' || substr(md5(concat_ws('|', " + String.join(", ", values) + ")), 1, 16))::bit(64)::bigint";
    }

    /** The key columns' canonical text, to name differing rows. */
    public String postgresKey(List<String> keys) {
        var parts = keys.stream()
                .map(key -> {
                    var index = indexOf(key);
                    return "coalesce(" + postgresText(table.columns().get(index), columns.get(index)) + ", 'NULL')";
                })
                .toList();
        return "concat_ws(',', " + String.join(", ", parts) + ")";
    }

    /** The canonical text of one column of the current source row (NULL stays NULL). */
    public String postgresText(String column) {
        var index = indexOf(column);
        return postgresText(table.columns().get(index), columns.get(index));
    }

    /**
     * The key columns an index can serve a re-check by key with: non-null integers and text, whose canonical text is
     * the stored value.
     */
    public List<String> indexedKeys(List<String> keys) {
        return keys.stream()
                .filter(key -> {
                    var column = table.columns().get(indexOf(key));
                    return !column.nullable() && INDEXED_TYPES.contains(column.typeName());
                })
                .toList();
    }

    /**
     * The live re-check's source read of some keys: key text, row hash, version ({@code xmin}) and, with
     * {@code commitTimes} ({@code track_commit_timestamp}), the version's commit time. Parameters: a text array of the
     * values of each {@link #indexedKeys} column, then a text array of the keys (their {@link #postgresKey} text).
     */
    public String postgresRowsByKeyQuery(List<String> keys, boolean commitTimes) {
        var where = new ArrayList<String>();
        for (var key : indexedKeys(keys)) {
            var column = table.columns().get(indexOf(key));
            var cast = column.typeName().startsWith("int") ? "::int8[]" : "";
            where.add("t." + column.quotedName() + " = ANY(CAST(? AS text[])" + cast + ")");
        }
        where.add(postgresKey(keys) + " = ANY(CAST(? AS text[]))");
        var committed = commitTimes ? "pg_xact_commit_timestamp(t.xmin)" : "CAST(NULL AS timestamptz)";
        return "SELECT " + postgresKey(keys) + ", " + postgresHash() + ", t.xmin::text, " + committed + " FROM "
                + table.qualifiedName() + " t WHERE " + String.join(" AND ", where);
    }

    /** The order-insensitive checksum of {@code from} (see {@link #postgresRows}) in PostgreSQL. */
    public String postgresChecksumQuery(String from) {
        return "SELECT count(*), sum(h), coalesce(bit_xor(h), 0) FROM (SELECT " + postgresHash() + " AS h FROM " + from
                + ") s";
    }

    /**
     * Trino bigint expression: the row hash of a row of the table as Trino reads it from the catalog (columns by their
     * catalog names, lower case), the same value {@link #postgresHash} gives its source row.
     */
    public String trinoHash() {
        var values = new ArrayList<String>();
        for (var column : columns) {
            var text = trinoText(column);
            values.add("coalesce(cast(length(" + text + ") AS varchar) || ':' || " + text + ", 'N')");
        }
        return "from_big_endian_64(substr(md5(to_utf8(concat_ws('|', " + String.join(", ", values) + "))), 1, 8))";
    }

    /** The order-insensitive checksum of the Trino table {@code relation}, every row a reader sees. */
    public String trinoChecksumQuery(String relation) {
        return "SELECT count(*), sum(cast(h AS decimal(38, 0))), coalesce(bitwise_xor_agg(h), 0) FROM (SELECT "
                + trinoHash() + " AS h FROM " + relation + ") s";
    }

    /** Runs a checksum query of this class. */
    public static TableVerification.Checksum checksum(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(query)) {
            rows.next();
            return new TableVerification.Checksum(rows.getLong(1), rows.getBigDecimal(2), rows.getLong(3));
        }
    }

    int indexOf(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Invalid key column: " + key + " is not a column of " + table.name());
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

    static String trinoText(BronzeColumn column) {
        var name = "\"" + column.name().toLowerCase(Locale.ROOT).replace("\"", "\"\"") + "\"";
        return switch (column.codec()) {
            case SHORT, INT, LONG, STRING, DECIMAL, DATE -> "cast(" + name + " AS varchar)";
            case FLOAT, DOUBLE -> "cast(cast(" + name + " AS decimal(38, " + FLOAT_SCALE + ")) AS varchar)";
            case TIMESTAMP -> "cast(cast(" + name + " AS timestamp(6)) AS varchar)";
            case BINARY -> "lower(to_hex(" + name + "))";
        };
    }
}
