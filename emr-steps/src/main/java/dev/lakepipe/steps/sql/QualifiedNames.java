package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.UpperCaseCharStream;

/**
 * Lets a query name a catalog table as {@code database.table}, as on Athena. The tables are temporary views, which
 * Spark cannot qualify with a database, so each {@code database.table} of a catalog table is rewritten to its view name
 * before Spark parses the query. Spark's own lexer finds the names, so string literals, comments and back-quoted names
 * are handled as Spark handles them; {@code database.table.column} becomes {@code table.column}.
 */
final class QualifiedNames {

    /** Lower-case {@code database.table} to the view name. */
    private final Map<String, String> views;

    private final boolean aliased;

    QualifiedNames(Map<String, String> views) {
        this(views, false);
    }

    private QualifiedNames(Map<String, String> views, boolean aliased) {
        this.views = views.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.aliased = aliased;
    }

    /**
     * For views not named by their table ({@code `database.table`}): a table read without an alias gets its table name as
     * one, and {@code database.table.column} becomes {@code table.column}, so columns qualify by the table name as Spark
     * qualifies a catalog table's columns.
     */
    static QualifiedNames aliased(Map<String, String> views) {
        return new QualifiedNames(views, true);
    }

    String rewrite(String sql) {
        return rewrite(sql, view -> {});
    }

    /** {@link #rewrite(String)}, telling {@code rewritten} the view of each name it rewrote. */
    String rewrite(String sql, Consumer<String> rewritten) {
        requireNonNull(sql, "sql is null");
        var lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
        lexer.removeErrorListeners();
        var tokens = new ArrayList<Token>();
        for (var token : lexer.getAllTokens()) {
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(token);
            }
        }
        var text = new StringBuilder();
        var copied = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            var database = tokens.get(i);
            var table = tokens.get(i + 2);
            var view = tokens.get(i + 1).getType() == SqlBaseLexer.DOT
                            && (i == 0 || tokens.get(i - 1).getType() != SqlBaseLexer.DOT)
                    ? views.get((name(database) + "." + name(table)).toLowerCase(Locale.ROOT))
                    : null;
            if (view != null) {
                var next = i + 3 < tokens.size() ? tokens.get(i + 3).getType() : Token.EOF;
                if (next != SqlBaseLexer.DOT) {
                    rewritten.accept(view);
                }
                text.append(sql, copied, charIndex(sql, database.getStartIndex()))
                        .append(replacement(view, name(table), next));
                copied = charIndex(sql, table.getStopIndex() + 1);
                i += 2;
            }
        }
        return text.append(sql.substring(copied)).toString();
    }

    private String replacement(String view, String table, int next) {
        if (!aliased) {
            return quoted(view);
        }
        if (next == SqlBaseLexer.DOT) {
            return quoted(table);
        }
        var hasAlias = next == SqlBaseLexer.AS
                || next == SqlBaseLexer.IDENTIFIER
                || next == SqlBaseLexer.BACKQUOTED_IDENTIFIER;
        return hasAlias ? quoted(view) : quoted(view) + " AS " + quoted(table);
    }

    private static String quoted(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    /** The lexer counts code points, Java strings count UTF-16 chars. */
    private static int charIndex(String sql, int codePointIndex) {
        return sql.offsetByCodePoints(0, codePointIndex);
    }

    /** The identifier a token names: back-quoted names unquoted, others as written (keywords too, Spark accepts many as names). */
    private static String name(Token token) {
        var text = token.getText();
        return token.getType() == SqlBaseLexer.BACKQUOTED_IDENTIFIER
                ? text.substring(1, text.length() - 1).replace("``", "`")
                : text;
    }
}
