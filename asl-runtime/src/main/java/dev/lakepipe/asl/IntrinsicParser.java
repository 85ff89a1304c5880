package dev.lakepipe.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakepipe.asl.IntrinsicExpression.Call;
import dev.lakepipe.asl.IntrinsicExpression.Literal;
import dev.lakepipe.asl.IntrinsicExpression.PathArgument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the intrinsic call syntax: {@code Name(arg, ...)} where an argument is a quoted string
 * ({@code \' \{ \} \\} escapes), a number, {@code true}/{@code false}/{@code null}, a path or a nested
 * call. Throws {@link IllegalArgumentException} naming the position of the problem.
 */
public final class IntrinsicParser {

    private static final int MAX_NESTING = 10;

    private final String text;
    private int position;
    private int depth;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    public static Call parse(String text) {
        var parser = new IntrinsicParser(text.strip());
        Call call = parser.call();
        if (parser.position != parser.text.length()) {
            throw parser.problem("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private Call call() {
        int start = position;
        while (position < text.length() && isNameChar(text.charAt(position))) {
            position++;
        }
        String name = text.substring(start, position);
        if (name.isEmpty()) {
            throw problem("expected a function name");
        }
        if (!IntrinsicFunctions.isKnown(name)) {
            throw new IllegalArgumentException("Invalid intrinsic function '" + name + "' in " + text
                    + ": known functions are " + IntrinsicFunctions.names());
        }
        expect('(');
        if (++depth > MAX_NESTING) {
            throw problem("more than " + MAX_NESTING + " nested intrinsic calls");
        }
        List<IntrinsicExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            arguments.add(argument());
            skipSpaces();
            while (peek() == ',') {
                position++;
                arguments.add(argument());
                skipSpaces();
            }
        }
        expect(')');
        depth--;
        return new Call(name, arguments);
    }

    private IntrinsicExpression argument() {
        skipSpaces();
        char c = peek();
        if (c == '\'') {
            return quoted();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        for (var keyword : List.of("true", "false", "null")) {
            if (text.startsWith(keyword, position) && !isNameChar(charAt(position + keyword.length()))) {
                position += keyword.length();
                return new Literal(
                        switch (keyword) {
                            case "true" -> BooleanNode.TRUE;
                            case "false" -> BooleanNode.FALSE;
                            default -> NullNode.instance;
                        },
                        null);
            }
        }
        if (isNameChar(c)) {
            return call();
        }
        throw problem("expected an argument");
    }

    private Literal quoted() {
        position++;
        var value = new StringBuilder();
        var template = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw problem("unterminated string");
            }
            char c = text.charAt(position++);
            if (c == '\'') {
                return new Literal(TextNode.valueOf(value.toString()), template.toString());
            }
            if (c == '\\') {
                char escaped = charAt(position++);
                if ("'{}\\".indexOf(escaped) < 0) {
                    throw problem("invalid escape '\\" + escaped + "' (only \\' \\{ \\} \\\\ are allowed)");
                }
                value.append(escaped);
                template.append(escaped == '\'' ? "'" : "\\" + escaped);
            } else {
                value.append(c);
                template.append(c);
            }
        }
    }

    private PathArgument path() {
        int start = position;
        int brackets = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                brackets++;
            } else if (c == ']' || (c == ')' && brackets > 0)) {
                brackets--;
            } else if (brackets == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                break;
            }
            position++;
        }
        String path = text.substring(start, position);
        JsonPaths.pathProblem(path).ifPresent(problem -> {
            throw problem("invalid path '" + path + "': " + problem);
        });
        return new PathArgument(path);
    }

    private Literal number() {
        int start = position;
        position++;
        while (position < text.length() && "0123456789.eE+-".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        try {
            new BigDecimal(text.substring(start, position));
            return new Literal(StatesJson.MAPPER.readTree(text.substring(start, position)), null);
        } catch (NumberFormatException | JsonProcessingException e) {
            throw problem("invalid number '" + text.substring(start, position) + "'");
        }
    }

    private void expect(char expected) {
        skipSpaces();
        if (peek() != expected) {
            throw problem("expected '" + expected + "'");
        }
        position++;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        return charAt(position);
    }

    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    private IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(
                "Invalid intrinsic function call " + text + " at position " + position + ": " + what);
    }
}
