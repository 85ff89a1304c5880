package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** The {@code data-type} of an added column: DMS type name ({@code string}, {@code boolean}, ...) and its size. */
public record ColumnDataType(String type, OptionalInt length) {

    public ColumnDataType {
        requireNonNull(type, "type is null");
        requireNonNull(length, "length is null");
    }

    public static ColumnDataType string(int length) {
        return new ColumnDataType("string", OptionalInt.of(length));
    }

    public static ColumnDataType bool() {
        return new ColumnDataType("boolean", OptionalInt.empty());
    }

    Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("type", type);
        length.ifPresent(value -> map.put("length", value));
        return map;
    }
}
