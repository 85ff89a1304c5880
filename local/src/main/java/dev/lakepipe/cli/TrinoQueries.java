package dev.lakepipe.cli;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.sqlclient.QueryFailures;
import dev.lakepipe.sqlclient.ResultColumn;
import dev.lakepipe.sqlclient.ResultPrinter;
import dev.lakepipe.sqlclient.SnapshotTables;
import dev.lakepipe.sqlclient.SqlClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The interactive prompt of {@code lakepipe sql} on Trino: one statement a line, through Trino's JDBC driver, which
 * keeps the session a statement such as {@code USE} changes; results print as a single query's do
 * ({@link ResultPrinter}, after the warning for a merge-on-read snapshot table, {@link SnapshotTables}).
 */
final class TrinoQueries {

    private static final Set<Integer> NUMERIC =
            Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE, Types.DECIMAL);

    private final Connection connection;
    private final ResultPrinter printer;
    private final SnapshotTables snapshots;

    TrinoQueries(Connection connection, ResultPrinter printer, SnapshotTables snapshots) {
        this.connection = requireNonNull(connection, "connection is null");
        this.printer = requireNonNull(printer, "printer is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    /** Runs one statement; a statement Trino refuses becomes a {@link SqlClientException} with Trino's reason. */
    void run(String sql, PrintWriter out, PrintWriter notes) {
        try (var statement = connection.createStatement()) {
            statement.setMaxRows(printer.rowsToRead());
            if (!statement.execute(ResultPrinter.statementText(sql))) {
                ResultPrinter.done(notes);
                return;
            }
            try (var result = statement.getResultSet()) {
                snapshots.warn(sql, notes);
                printer.print(columns(result), rows(result), out, notes);
            }
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    /** The interactive prompt: one statement a line, until end of input or {@code quit}. */
    void repl(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        for (prompt(out); ; prompt(out)) {
            var line = in.readLine();
            if (line == null
                    || line.strip().equalsIgnoreCase("quit")
                    || line.strip().equalsIgnoreCase("exit")) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                run(line, out, err);
            } catch (SqlClientException e) {
                err.println("Error: " + e.getMessage());
                err.flush();
            }
        }
    }

    static SqlClientException refused(SQLException e) {
        return QueryFailures.refused(e.getMessage(), e);
    }

    private static void prompt(PrintWriter out) {
        out.print("trino> ");
        out.flush();
    }

    private static List<ResultColumn> columns(ResultSet result) throws SQLException {
        var meta = result.getMetaData();
        var columns = new ArrayList<ResultColumn>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new ResultColumn(meta.getColumnLabel(i), NUMERIC.contains(meta.getColumnType(i))));
        }
        return columns;
    }

    /** The rows as the driver's {@code getString} renders them. */
    private static Iterator<String[]> rows(ResultSet result) throws SQLException {
        var width = result.getMetaData().getColumnCount();
        return new Iterator<>() {
            private String[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public String[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                var row = next;
                next = null;
                return row;
            }

            private String[] read() {
                try {
                    if (!result.next()) {
                        return null;
                    }
                    var row = new String[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    return row;
                } catch (SQLException e) {
                    throw refused(e);
                }
            }
        };
    }
}
