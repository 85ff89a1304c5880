package dev.lakepipe.cli.source;

import dev.lakepipe.tpcc.TpccSchema;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.tpcc.TpccTable;
import java.io.PrintWriter;
import java.sql.SQLException;

/** Prints where the source is and what it holds; never a password. */
final class SourcePrinter {

    private SourcePrinter() {}

    static void location(PrintWriter out, TpccSource source) {
        out.printf("jdbc url:       %s%n", source.jdbcUrl());
        source.dataDirectory().ifPresent(directory -> out.printf("data directory: %s%n", directory));
        out.printf(
                "secrets:        %s (%s, %s)%n",
                source.secretsFile(),
                source.sparkSecret().username(),
                source.dmsSecret().username());
        out.printf("publication:    %s%n", source.publication());
    }

    static void rowCounts(PrintWriter out, TpccSource source) throws SQLException {
        try (var connection = source.adminConnection()) {
            long total = 0;
            for (var table : TpccTable.values()) {
                long rows = TpccSchema.rowCount(connection, table);
                total += rows;
                out.printf("  %-18s %,12d%n", table.qualifiedName(), rows);
            }
            out.printf("  %-18s %,12d%n", "total", total);
        }
    }
}
