package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * One statement on Trino through its HTTP protocol, as Trino's clients run it: {@code POST /v1/statement}, then a
 * {@code GET} of each page's {@code nextUri} until a page has none; a page may carry the columns, rows, the error or
 * the update type. {@link #close()} cancels a query still running ({@code DELETE} of its {@code nextUri}), so a result
 * read only up to the row limit does not run on. The JDK's {@link HttpURLConnection} on purpose: the JDK's newer HTTP
 * client takes most of a second to start (docs/performance.md, "lakepipe sql on Trino").
 */
public final class TrinoQuery implements AutoCloseable {

    /** What Trino's JDBC driver declares: without {@code PARAMETRIC_DATETIME} Trino rounds timestamps to millis. */
    static final String CAPABILITIES = "PATH,PARAMETRIC_DATETIME,SESSION_AUTHORIZATION";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Trino answers a page within about a second while the query runs; this is a server that hangs. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    /** Trino answers 502/503/504 when briefly overloaded; its clients retry. */
    private static final int BUSY_RETRIES = 20;

    private static final Duration BUSY_PAUSE = Duration.ofMillis(100);

    private final TrinoSession session;
    private final ArrayDeque<List<?>> rows = new ArrayDeque<>();
    private Map<?, ?> page;
    private List<Map<?, ?>> signatures;
    private List<ResultColumn> columns;

    private TrinoQuery(TrinoSession session, Map<?, ?> first) {
        this.session = session;
        accept(first);
    }

    /** Submits {@code sql}; fails if the server refuses it. */
    public static TrinoQuery submit(TrinoSession session, String sql) {
        requireNonNull(session, "session is null");
        var body = sql.getBytes(StandardCharsets.UTF_8);
        var first = send(
                session,
                () -> {
                    var connection = open(session, session.server().resolve("/v1/statement"), "POST");
                    connection.setRequestProperty("X-Trino-Source", "lakepipe-sql");
                    connection.setRequestProperty("X-Trino-Catalog", TrinoSession.CATALOG);
                    session.schema().ifPresent(schema -> connection.setRequestProperty("X-Trino-Schema", schema));
                    connection.setRequestProperty(
                            "X-Trino-Time-Zone", TimeZone.getDefault().getID());
                    connection.setRequestProperty("X-Trino-Client-Capabilities", CAPABILITIES);
                    connection.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
                    connection.setDoOutput(true);
                    return connection;
                },
                body);
        return new TrinoQuery(session, first);
    }

    /** The result's columns; empty for a statement without a result, such as {@code USE}. */
    public Optional<List<ResultColumn>> columns() {
        while (columns == null && advance()) {
            // Trino sends the columns with a later page once the query is planned.
        }
        return page.get("updateType") != null || columns == null || columns.isEmpty()
                ? Optional.empty()
                : Optional.of(columns);
    }

    /** The rows, rendered as {@link ValueText} says, read page by page as the iteration goes. */
    public Iterator<String[]> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (rows.isEmpty()) {
                    if (!advance()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public String[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                var values = rows.poll();
                var row = new String[values.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = ValueText.of(signatures.get(i), values.get(i));
                }
                return row;
            }
        };
    }

    /** Cancels the query unless it has finished. */
    @Override
    public void close() {
        var next = nextUri();
        if (next.isEmpty()) {
            return;
        }
        var connection = open(session, next.get(), "DELETE");
        try {
            connection.getResponseCode();
        } catch (IOException e) {
            throw new SqlClientException(
                    e,
                    "Failed to cancel the query on Trino at %s: %s; Trino drops it once lakepipe stops reading it"
                            + " (the server's log: %s)",
                    session.server(),
                    e.getMessage(),
                    session.log());
        } finally {
            connection.disconnect();
        }
    }

    /** Reads the next page; false once the query has finished and no page is left. */
    private boolean advance() {
        var next = nextUri();
        if (next.isEmpty()) {
            return false;
        }
        accept(send(session, () -> open(session, next.get(), "GET"), null));
        return true;
    }

    private Optional<URI> nextUri() {
        return Optional.ofNullable((String) page.get("nextUri")).map(URI::create);
    }

    private void accept(Map<?, ?> next) {
        page = next;
        if (page.get("error") instanceof Map<?, ?> error) {
            var message = "Query failed (#%s): %s".formatted(page.get("id"), error.get("message"));
            throw QueryFailures.refused(message, null);
        }
        if (columns == null && page.get("columns") instanceof List<?> described) {
            var fields = described.stream().map(column -> (Map<?, ?>) column).toList();
            signatures = fields.stream()
                    .<Map<?, ?>>map(column -> (Map<?, ?>) column.get("typeSignature"))
                    .toList();
            columns = fields.stream()
                    .map(column -> new ResultColumn(
                            (String) column.get("name"), ValueText.numeric((Map<?, ?>) column.get("typeSignature"))))
                    .toList();
        }
        if (page.get("data") instanceof List<?> data) {
            data.forEach(row -> rows.add((List<?>) row));
        }
    }

    private static HttpURLConnection open(TrinoSession session, URI uri, String method) {
        try {
            var connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestProperty("X-Trino-User", TrinoSession.USER);
            return connection;
        } catch (IOException e) {
            throw gone(session, e);
        }
    }

    /** One request; on 502/503/504 the same request again, as Trino's clients do. */
    private static Map<?, ?> send(TrinoSession session, Supplier<HttpURLConnection> request, byte[] body) {
        try {
            for (int attempt = 0; ; attempt++) {
                var connection = request.get();
                if (body != null) {
                    try (var out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                var status = connection.getResponseCode();
                if ((status == 502 || status == 503 || status == 504) && attempt < BUSY_RETRIES) {
                    connection.disconnect();
                    Thread.sleep(BUSY_PAUSE.toMillis());
                    continue;
                }
                if (status != 200) {
                    throw new SqlClientException(
                            "Trino at %s answered HTTP %d to %s %s: %s (the server's log: %s)",
                            session.server(),
                            status,
                            connection.getRequestMethod(),
                            connection.getURL().getPath(),
                            errorText(connection),
                            session.log());
                }
                try (var in = connection.getInputStream();
                        var parser = JSON.createParser(in)) {
                    parser.nextToken();
                    return (Map<?, ?>) JsonValues.read(parser);
                }
            }
        } catch (IOException e) {
            throw gone(session, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlClientException(e, "Interrupted while waiting for Trino");
        }
    }

    private static String errorText(HttpURLConnection connection) throws IOException {
        try (InputStream in = connection.getErrorStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static SqlClientException gone(TrinoSession session, IOException e) {
        return new SqlClientException(
                e,
                "Trino at %s stopped answering: %s; run the command again: lakepipe sql starts a new server if this one"
                        + " has stopped (the server's log: %s)",
                session.server(),
                e.toString(),
                session.log());
    }
}
