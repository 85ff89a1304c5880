package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.sqlclient.ResultPrinter;
import dev.lakepipe.sqlclient.SqlFormat;
import dev.lakepipe.steps.StepArgs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments of {@link SqlMain}: {@code --catalog <dir> [--query <sql>] [--format table|csv|json] [--limit 100]
 * [--as-of <instant>] [--changes-since <instant>] [--log <file>]}. Without {@code --query} the statements come from stdin.
 *
 * @param log where Spark's own log lines go, so stderr carries only lakepipe's notes and errors; empty: stderr
 */
public record SqlOptions(
        Path catalog, Optional<String> query, SqlFormat format, int limit, ReadMode mode, Optional<Path> log) {

    private static final String STEP = "sql";
    private static final Set<String> NAMES =
            Set.of("catalog", "query", "format", "limit", "as-of", "changes-since", "log");

    public SqlOptions {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(query, "query is null");
        requireNonNull(format, "format is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(log, "log is null");
    }

    public static SqlOptions parse(String... args) {
        var arguments = StepArgs.parse(STEP, args);
        arguments.values().keySet().stream()
                .filter(name -> !NAMES.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new StepArgs.UsageException(
                            "Invalid sql arguments: unknown option --%s; expected one of --%s",
                            name, String.join(", --", NAMES.stream().sorted().toList()));
                });
        return new SqlOptions(
                Path.of(arguments.required("catalog")),
                arguments.optional("query"),
                arguments.optional("format").map(SqlOptions::format).orElse(SqlFormat.TABLE),
                limit(arguments.optional("limit")),
                ReadMode.of(arguments.optional("as-of"), arguments.optional("changes-since")),
                arguments.optional("log").map(Path::of));
    }

    /** The {@code --format} value, in any case. */
    public static SqlFormat format(String value) {
        return SqlFormat.of(value)
                .orElseThrow(() ->
                        new LakepipeException("Invalid --format '%s': expected one of %s", value, SqlFormat.choices()));
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return ResultPrinter.DEFAULT_LIMIT;
        }
        try {
            var limit = Integer.parseInt(value.get());
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LakepipeException(
                "Invalid --limit '%s': expected 0 (no limit) or a positive number of rows", value.get());
    }
}
