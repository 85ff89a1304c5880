package dev.lakepipe.dms;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code add-column} expressions lakepipe uses, spelled exactly as they go into the DMS table
 * mapping. The emulator evaluates these and refuses any other expression.
 */
public enum HeaderExpression {
    /** 35 digits: 16-digit UTC commit time to 1/100 s, then a 19-digit counter increasing in commit order. */
    CHANGE_SEQ("$AR_H_CHANGE_SEQ"),
    /** {@code INSERT}, {@code UPDATE} or {@code DELETE}. */
    OPERATION("$AR_H_OPERATION"),
    /** Transaction commit time. */
    COMMIT_TIMESTAMP("$AR_H_COMMIT_TIMESTAMP"),
    /** Source stream position; for PostgreSQL the LSN of the change. */
    STREAM_POSITION("$AR_H_STREAM_POSITION"),
    /** True for a DELETE; the boolean Hudi reads as its delete marker. */
    IS_DELETE("CASE WHEN $AR_H_OPERATION = 'DELETE' THEN TRUE ELSE FALSE END");

    private final String expression;

    HeaderExpression(String expression) {
        this.expression = expression;
    }

    public String expression() {
        return expression;
    }

    /** The known expression, comparing with whitespace runs collapsed. */
    public static Optional<HeaderExpression> of(String expression) {
        var normalized = normalize(expression);
        return Arrays.stream(values())
                .filter(value -> normalize(value.expression).equals(normalized))
                .findFirst();
    }

    private static String normalize(String expression) {
        return expression.trim().replaceAll("\\s+", " ");
    }
}
