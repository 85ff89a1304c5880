package dev.lakepipe.tpcc;

import dev.lakepipe.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with {@code COPY ... FROM STDIN} (text format), buffering about a
 * megabyte at a time. Values are escaped per the text format, so any string is safe.
 */
final class CopyWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final String table;
    private final CopyIn copy;
    private final byte[] buffer = new byte[BUFFER_BYTES + 4096];
    private int length;
    private boolean firstField = true;
    private long rows;
    private boolean finished;

    private CopyWriter(String table, CopyIn copy) {
        this.table = table;
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN}. */
    static CopyWriter open(Connection connection, String table, String columns) {
        try {
            var manager = connection.unwrap(PGConnection.class).getCopyAPI();
            return new CopyWriter(table, manager.copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to start COPY into %s: %s", table, e.getMessage());
        }
    }

    CopyWriter text(CharSequence value) {
        separate();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> put2('\\', '\\');
                case '\t' -> put2('\\', 't');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                        putUtf8(value.subSequence(i, i + 2));
                        i++;
                    } else {
                        putUtf8(String.valueOf(c));
                    }
                }
            }
        }
        return this;
    }

    CopyWriter number(long value) {
        separate();
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        putDigits(value, 1);
        return this;
    }

    /** A decimal with the given scale from its unscaled value: {@code decimal(-1000, 2)} is -10.00. */
    CopyWriter decimal(long unscaled, int scale) {
        separate();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long factor = (long) Math.pow(10, scale);
        putDigits(unscaled / factor, 1);
        if (scale > 0) {
            put((byte) '.');
            putDigits(unscaled % factor, scale);
        }
        return this;
    }

    CopyWriter nullValue() {
        separate();
        put2('\\', 'N');
        return this;
    }

    void endRow() {
        put((byte) '\n');
        firstField = true;
        rows++;
        if (length >= BUFFER_BYTES) {
            flush();
        }
    }

    /** Completes the COPY and returns the rows the server reports. */
    long finish() {
        flush();
        try {
            finished = true;
            long copied = copy.endCopy();
            if (copied != rows) {
                throw new SourceException(
                        "Failed to copy into %s: wrote %d rows, server copied %d", table, rows, copied);
            }
            return copied;
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to copy into %s: %s", table, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!finished && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                throw new SourceException(e, "Failed to cancel COPY into %s: %s", table, e.getMessage());
            }
        }
    }

    private void flush() {
        if (length == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to copy into %s: %s", table, e.getMessage());
        }
    }

    private void separate() {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    private void putDigits(long value, int minDigits) {
        if (length + 24 + minDigits > buffer.length) {
            flush();
        }
        int start = length;
        do {
            put((byte) ('0' + (value % 10)));
            value /= 10;
            minDigits--;
        } while (value > 0 || minDigits > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
    }

    private void putUtf8(CharSequence chars) {
        for (byte b : chars.toString().getBytes(StandardCharsets.UTF_8)) {
            put(b);
        }
    }

    private void put2(char first, char second) {
        put((byte) first);
        put((byte) second);
    }

    private void put(byte b) {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }
}
