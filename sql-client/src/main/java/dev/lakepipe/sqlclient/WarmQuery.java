package dev.lakepipe.sqlclient;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code lakepipe sql "<query>"} on a warm server, in a JVM of this module's jar and jackson-core only, which starts in
 * a fraction of the CLI's time (docs/performance.md, "lakepipe sql on Trino"). {@code bin/lakepipe} runs it first for
 * {@code sql}: it runs the query when the command is one query with only {@code --format}, {@code --limit},
 * {@code --home}, {@code -v} or {@code -e}, the state folder's catalog has the Trino metastore and its Trino server
 * runs. Otherwise it prints nothing and exits {@link #FULL_CLI}, and {@code bin/lakepipe} runs the full CLI, which
 * starts the server, reports a bad option or a missing catalog, and runs {@code --engine spark}, {@code --stop} and the
 * prompt. Same output and exit codes as the CLI: both print through {@link QueryRunner}.
 */
public final class WarmQuery {

    /** The exit code that hands the command to the full CLI. */
    public static final int FULL_CLI = 3;

    private WarmQuery() {}

    public static void main(String[] args) {
        var charset = Charset.defaultCharset();
        var out = new PrintWriter(new OutputStreamWriter(System.out, charset));
        var err = new PrintWriter(new OutputStreamWriter(System.err, charset));
        var exit = run(List.of(args), out, err);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /** Runs the {@code sql} command's arguments on the warm server: 0, 1 on a failure, {@link #FULL_CLI} if not its case. */
    public static int run(List<String> args, PrintWriter out, PrintWriter err) {
        var options = Options.parse(args);
        if (options.isEmpty()) {
            return FULL_CLI;
        }
        var command = options.get();
        try {
            var home = command.home().orElseGet(StateFolder::resolve);
            var catalog = StateFolder.catalog(home);
            if (!Files.isDirectory(catalog) || !StateFolder.hasTrinoMetastore(catalog)) {
                return FULL_CLI;
            }
            var server = TrinoServerState.of(home);
            var port = server.running();
            if (port.isEmpty()) {
                return FULL_CLI;
            }
            var session = TrinoSession.local(port.get(), StateFolder.defaultDatabase(catalog), server.log());
            new QueryRunner(session, new ResultPrinter(command.format(), command.limit()), new SnapshotTables(catalog))
                    .run(command.query(), out, err);
            return 0;
        } catch (SqlClientException e) {
            return ErrorReport.print(e, command.errors(), err);
        } catch (IOException e) {
            return ErrorReport.print(
                    new SqlClientException(e, "Failed to read the lake's catalog: %s", e.getMessage()),
                    command.errors(),
                    err);
        }
    }

    /** The options of the {@code sql} command this path takes; anything else is the full CLI's. */
    record Options(String query, Optional<Path> home, SqlFormat format, int limit, boolean errors) {

        Options {
            requireNonNull(query, "query is null");
            requireNonNull(home, "home is null");
            requireNonNull(format, "format is null");
        }

        /** Empty unless the arguments are one query and the options above, with values the CLI accepts. */
        static Optional<Options> parse(List<String> args) {
            String query = null;
            Path home = null;
            var format = SqlFormat.TABLE;
            var limit = ResultPrinter.DEFAULT_LIMIT;
            var errors = false;
            var seen = new HashSet<String>();
            for (int i = 0; i < args.size(); i++) {
                var arg = args.get(i);
                var equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
                var name = equals > 0 ? arg.substring(0, equals) : arg;
                if (name.startsWith("-") && !seen.add(name)) {
                    // An option given twice: the CLI reports it.
                    return Optional.empty();
                }
                if (name.equals("--format") || name.equals("--limit") || name.equals("--home")) {
                    if (equals < 0 && i + 1 == args.size()) {
                        return Optional.empty();
                    }
                    var value = equals > 0 ? arg.substring(equals + 1) : args.get(++i);
                    switch (name) {
                        case "--format" -> {
                            var chosen = SqlFormat.of(value);
                            if (chosen.isEmpty()) {
                                return Optional.empty();
                            }
                            format = chosen.get();
                        }
                        case "--limit" -> {
                            if (!value.matches("\\d{1,9}")) {
                                return Optional.empty();
                            }
                            limit = Integer.parseInt(value);
                        }
                        default -> home = Path.of(value);
                    }
                } else if (arg.equals("-e") || arg.equals("--errors")) {
                    errors = true;
                } else if (arg.equals("-v") || arg.equals("--verbose")) {
                    // The CLI's sql command prints nothing more with it.
                } else if (arg.startsWith("-") || arg.startsWith("@") || query != null) {
                    // Another option, an argument file, a second query: the CLI's (it reports what is wrong).
                    return Optional.empty();
                } else {
                    query = arg;
                }
            }
            return query == null
                    ? Optional.empty()
                    : Optional.of(new Options(query, Optional.ofNullable(home), format, limit, errors));
        }
    }
}
