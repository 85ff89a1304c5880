package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgConnections;
import dev.lakepipe.steps.source.PgIdentifiers;
import java.io.IOException;
import java.io.Serializable;
import java.sql.SQLException;
import org.apache.hadoop.fs.Path;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Executor side of the COPY path: one partition = one connection that joins the exported
 * snapshot ({@code SET TRANSACTION SNAPSHOT}) and streams
 * {@code COPY (SELECT … WHERE <range>) TO STDOUT (FORMAT binary)} straight into one bronze
 * parquet file.
 */
record CopyPartitionWriter(DatabaseSecret secret, String snapshotId, BronzeSchema schema, BronzeFileFormat format)
        implements Serializable {

    CopyPartitionWriter {
        requireNonNull(secret, "secret is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(format, "format is null");
    }

    /** Reads the rows {@code where} selects into {@code file}; a failed read leaves no file behind. */
    WrittenFile write(String where, Path file) {
        var sql = "COPY (" + schema.selectSql() + " WHERE " + where + ") TO STDOUT (FORMAT binary)";
        try (var connection = PgConnections.repeatableReadOnly(secret)) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION SNAPSHOT " + PgIdentifiers.literal(snapshotId));
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            var rows = writeAll(copy, format.create(file));
            connection.commit();
            return new WrittenFile(file.toString(), rows);
        } catch (SQLException e) {
            throw new LakepipeException(
                    e,
                    "Failed to read %s where %s under snapshot %s: %s",
                    schema.table().name(),
                    where,
                    snapshotId,
                    e.getMessage());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to write %s: %s", file, e.getMessage());
        }
    }

    /** One COPY message per tuple; the file header comes first, alone or in front of the first tuple. */
    private long writeAll(CopyOut copy, BronzeParquetFile out) throws SQLException, IOException {
        var tuples = new PgBinaryTupleWriter(schema);
        try {
            var message = copy.readFromCopy();
            int offset = message == null ? 0 : tuples.headerLength(message);
            while (message != null) {
                if (offset < message.length) {
                    if (PgBinaryTupleWriter.isTrailer(message, offset)) {
                        break;
                    }
                    tuples.write(message, offset, out);
                }
                message = copy.readFromCopy();
                offset = 0;
            }
            if (message == null) {
                throw new LakepipeException(
                        "COPY output of %s ended without its end-of-data marker",
                        schema.table().name());
            }
            drain(copy, message);
            out.finish();
            return out.rows();
        } catch (SQLException | IOException | RuntimeException e) {
            out.abort(e);
            throw e;
        }
    }

    private static void drain(CopyOut copy, byte[] last) throws SQLException {
        while (last != null) {
            last = copy.readFromCopy();
        }
    }

    /**
     * A file written by one partition, and its row count. A class, not a record: task results go
     * through Spark's Kryo serializer, which cannot build records.
     */
    static final class WrittenFile implements Serializable {
        private final String path;
        private final long rows;

        WrittenFile(String path, long rows) {
            this.path = requireNonNull(path, "path is null");
            this.rows = rows;
        }

        String path() {
            return path;
        }

        long rows() {
            return rows;
        }
    }
}
