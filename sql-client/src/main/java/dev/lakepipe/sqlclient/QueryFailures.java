package dev.lakepipe.sqlclient;

import java.util.Locale;

/** What a statement Trino refused means for a {@code lakepipe sql} user, and what to do instead. */
public final class QueryFailures {

    private QueryFailures() {}

    /**
     * Trino's reason ({@code message}, as {@code Query failed (#<id>): <reason>}); for what only Spark SQL reads (Hudi
     * time travel), a write, or a table the catalog lacks, where to go instead.
     */
    public static SqlClientException refused(String message, Throwable cause) {
        var lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("for timestamp as of")
                || lower.contains("for version as of")
                || lower.contains("versioned tables")
                || lower.contains("timestamp as of")) {
            return new SqlClientException(
                    cause,
                    "Invalid query: %s; Trino (like Athena) has no time travel on Hudi tables: run it with"
                            + " 'lakepipe sql --engine spark --as-of <instant>' (docs/querying.md)",
                    message);
        }
        if (lower.contains("access denied")) {
            return new SqlClientException(
                    cause,
                    "Invalid query: %s; lakepipe sql only reads the lake's tables; the lake is written by its pipelines"
                            + " only ('lakepipe run <pipeline>')",
                    message);
        }
        if (lower.contains("table '") && lower.contains("' does not exist")) {
            return new SqlClientException(
                    cause, "Query failed: %s; 'SHOW TABLES' lists the tables the lake's catalog has", message);
        }
        return new SqlClientException(cause, "Query failed: %s", message);
    }
}
