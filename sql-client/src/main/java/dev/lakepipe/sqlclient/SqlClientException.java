package dev.lakepipe.sqlclient;

/** A failure of lakepipe sql's query path; its message says what failed and what to do. */
public final class SqlClientException extends RuntimeException {

    public SqlClientException(String format, Object... args) {
        super(String.format(format, args));
    }

    public SqlClientException(Throwable cause, String format, Object... args) {
        super(String.format(format, args), cause);
    }
}
