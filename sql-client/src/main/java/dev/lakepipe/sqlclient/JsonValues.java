package dev.lakepipe.sqlclient;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * One JSON value as plain values: an object as an ordered map, an array as a list, {@code null} as null, and every
 * other value as its JSON text, so a number prints exactly as the server wrote it (Java's rendering of a double).
 */
final class JsonValues {

    private JsonValues() {}

    /** The value at the parser's current token; leaves the parser on the value's last token. */
    static Object read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                var object = new LinkedHashMap<String, Object>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    var name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = new ArrayList<Object>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield array;
            }
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
    }
}
