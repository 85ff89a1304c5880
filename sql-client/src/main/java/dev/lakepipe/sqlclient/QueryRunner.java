package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;

/**
 * Runs one {@code lakepipe sql} statement on a running Trino server and prints its result, after a warning for each
 * merge-on-read snapshot table it names ({@link SnapshotTables}).
 */
public final class QueryRunner {

    private final TrinoSession session;
    private final ResultPrinter printer;
    private final SnapshotTables snapshots;

    public QueryRunner(TrinoSession session, ResultPrinter printer, SnapshotTables snapshots) {
        this.session = requireNonNull(session, "session is null");
        this.printer = requireNonNull(printer, "printer is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    /** Runs {@code sql}; a statement Trino refuses becomes a {@link SqlClientException} with Trino's reason. */
    public void run(String sql, PrintWriter out, PrintWriter notes) {
        try (var query = TrinoQuery.submit(session, ResultPrinter.statementText(sql))) {
            var columns = query.columns();
            if (columns.isEmpty()) {
                ResultPrinter.done(notes);
                return;
            }
            snapshots.warn(sql, notes);
            printer.print(columns.get(), query.rows(), out, notes);
        }
    }
}
