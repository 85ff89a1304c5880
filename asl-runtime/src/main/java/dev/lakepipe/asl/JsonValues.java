package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON value comparisons as ASL defines them: numbers by value ({@code 0} equals {@code 0.0}). */
final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        return left.equals(right) ? 0 : 1;
    };

    private JsonValues() {}

    static boolean equal(JsonNode left, JsonNode right) {
        return left.equals(NUMBERS_BY_VALUE, right);
    }
}
