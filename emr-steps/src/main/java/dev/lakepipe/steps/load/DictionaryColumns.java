package dev.lakepipe.steps.load;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.source.PgTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses, from PostgreSQL's planner statistics, the columns not worth dictionary-encoding in the
 * bronze files. Parquet tries a dictionary on every column and gives it up once the dictionary
 * outgrows its page ({@code parquet.dictionary.page.size}); on a column of mostly distinct values
 * (a comment, a random string, a near-unique number) the hashing and the abandoned dictionary are
 * pure cost, and they are most of the write's time on wide tables. A column is written plain when
 * its estimated distinct values in one file would not fit the dictionary page, or are more than
 * half the file's rows (each value then repeats less than twice, so ids plus dictionary save
 * nothing). Without statistics (a never-analysed table) every column keeps parquet's default.
 */
final class DictionaryColumns {

    private static final String STATS_SQL = """
            SELECT s.attname, s.n_distinct, s.avg_width, c.reltuples
            FROM pg_stats s
            JOIN pg_namespace n ON n.nspname = s.schemaname
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename
            WHERE s.schemaname = ? AND s.tablename = ? AND NOT s.inherited""";
    /** Parquet stores a dictionary string with a 4-byte length; counting it for every type errs towards plain. */
    private static final int LENGTH_BYTES = 4;

    private DictionaryColumns() {}

    /** The source columns to write without a dictionary when the table is split into {@code files} files. */
    static Set<String> plain(Connection connection, PgTable table, int files, int dictionaryPageBytes) {
        var plain = new HashSet<String>();
        try (var statement = connection.prepareStatement(STATS_SQL)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (isPlain(
                            rows.getDouble("n_distinct"),
                            rows.getInt("avg_width"),
                            rows.getDouble("reltuples") / files,
                            dictionaryPageBytes)) {
                        plain.add(rows.getString("attname"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new LakepipeException(
                    e, "Failed to read the planner statistics of %s: %s", table.name(), e.getMessage());
        }
        return Set.copyOf(plain);
    }

    /** {@code nDistinct} as pg_stats has it: a count, or minus the fraction of rows that are distinct. */
    static boolean isPlain(double nDistinct, int averageWidth, double rowsPerFile, int dictionaryPageBytes) {
        if (rowsPerFile <= 0) {
            return false;
        }
        var distinct = nDistinct >= 0 ? nDistinct : -nDistinct * rowsPerFile;
        var distinctPerFile = Math.min(distinct, rowsPerFile);
        return distinctPerFile * (averageWidth + LENGTH_BYTES) > dictionaryPageBytes
                || distinctPerFile > rowsPerFile / 2;
    }
}
