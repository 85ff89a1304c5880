package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.secrets.DatabaseSecret;
import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgConnections;
import dev.lakepipe.steps.source.PgIdentifiers;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Executor side of the COPY reader: one partition = one connection that joins the exported
 * snapshot ({@code SET TRANSACTION SNAPSHOT}) and streams
 * {@code COPY (SELECT … WHERE <range>) TO STDOUT (FORMAT binary)} into bronze rows, counting them
 * in {@code rowsRead} (the write is the only action over these rows, so a retried task counts once).
 */
record CopyPartitionReader(DatabaseSecret secret, String snapshotId, BronzeSchema schema, String trxSeq, LongAccumulator rowsRead)
        implements Serializable {

    CopyPartitionReader {
        requireNonNull(secret, "secret is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(trxSeq, "trxSeq is null");
        requireNonNull(rowsRead, "rowsRead is null");
    }

    Rows read(String where) {
        var sql = "COPY (" + schema.selectSql() + " WHERE " + where + ") TO STDOUT (FORMAT binary)";
        try {
            var connection = PgConnections.repeatableReadOnly(secret);
            try {
                try (var statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION SNAPSHOT " + PgIdentifiers.literal(snapshotId));
                }
                var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
                return new Rows(connection, copy, new PgBinaryRowDecoder(schema, trxSeq), rowsRead);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new LakepipeException(e, "Failed to read %s where %s under snapshot %s: %s",
                    schema.table().name(), where, snapshotId, e.getMessage());
        }
    }

    /** Pulls one COPY message per row; closes the connection at the end of data. */
    static final class Rows implements Iterator<InternalRow>, AutoCloseable {
        private final Connection connection;
        private final CopyOut copy;
        private final PgBinaryRowDecoder decoder;
        private final LongAccumulator rowsRead;
        private byte[] message;
        private int offset;
        private boolean headerRead;
        private boolean done;

        Rows(Connection connection, CopyOut copy, PgBinaryRowDecoder decoder, LongAccumulator rowsRead) {
            this.connection = connection;
            this.copy = copy;
            this.decoder = decoder;
            this.rowsRead = rowsRead;
        }

        @Override
        public boolean hasNext() {
            if (message != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                var next = copy.readFromCopy();
                offset = 0;
                if (next != null && !headerRead) {
                    offset = decoder.headerLength(next);
                    headerRead = true;
                    if (offset == next.length) {
                        next = copy.readFromCopy();
                        offset = 0;
                    }
                }
                if (next == null || PgBinaryRowDecoder.isTrailer(next, offset)) {
                    finish(next);
                    return false;
                }
                message = next;
                return true;
            } catch (SQLException e) {
                closeQuietly();
                throw new LakepipeException(e, "Failed to read COPY output: %s", e.getMessage());
            }
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            var row = decoder.decode(message, offset);
            message = null;
            rowsRead.add(1);
            return row;
        }

        private void finish(byte[] last) throws SQLException {
            done = true;
            while (last != null) {
                last = copy.readFromCopy();
            }
            connection.commit();
            connection.close();
        }

        /** Ends the read early (task killed or failed); a no-op after the end of data. */
        @Override
        public void close() {
            if (!done) {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            done = true;
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.close();
            } catch (SQLException e) {
                // The read already failed; that failure is what the caller sees.
            }
        }
    }
}
