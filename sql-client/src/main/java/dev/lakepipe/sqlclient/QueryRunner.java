package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;

/** Runs one {@code lakepipe sql} statement on a running Trino server and prints its result. */
public final class QueryRunner {

    private final TrinoSession session;
    private final ResultPrinter printer;

    public QueryRunner(TrinoSession session, ResultPrinter printer) {
        this.session = requireNonNull(session, "session is null");
        this.printer = requireNonNull(printer, "printer is null");
    }

    /** Runs {@code sql}; a statement Trino refuses becomes a {@link SqlClientException} with Trino's reason. */
    public void run(String sql, PrintWriter out, PrintWriter notes) {
        try (var query = TrinoQuery.submit(session, ResultPrinter.statementText(sql))) {
            var columns = query.columns();
            if (columns.isEmpty()) {
                ResultPrinter.done(notes);
                return;
            }
            printer.print(columns.get(), query.rows(), out, notes);
        }
    }
}
