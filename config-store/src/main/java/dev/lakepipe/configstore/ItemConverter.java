package dev.lakepipe.configstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts config items between JSON and DynamoDB attribute values, keeping each JSON type: objects are M,
 * arrays L, strings S, numbers N, booleans BOOL. A value written as the string {@code "6"} stays a string,
 * a value written as {@code 6} stays a number, so an exported item equals the imported one.
 */
public final class ItemConverter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ItemConverter() {}

    public static Map<String, AttributeValue> toItem(JsonNode json) {
        if (!json.isObject()) {
            throw new LakepipeException("Invalid config item: expected a JSON object, got %s", json);
        }
        return toAttribute(json).m();
    }

    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        var object = JSON.objectNode();
        // DynamoDB returns attributes unordered; sort them so exports are stable.
        new TreeMap<>(item).forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    private static AttributeValue toAttribute(JsonNode json) {
        if (json.isObject()) {
            var map = new LinkedHashMap<String, AttributeValue>();
            json.fields().forEachRemaining(field -> map.put(field.getKey(), toAttribute(field.getValue())));
            return AttributeValue.fromM(map);
        }
        if (json.isArray()) {
            var list = new ArrayList<AttributeValue>();
            json.forEach(element -> list.add(toAttribute(element)));
            return AttributeValue.fromL(list);
        }
        if (json.isTextual()) {
            return AttributeValue.fromS(json.asText());
        }
        if (json.isNumber()) {
            return AttributeValue.fromN(json.decimalValue().toPlainString());
        }
        if (json.isBoolean()) {
            return AttributeValue.fromBool(json.booleanValue());
        }
        if (json.isNull()) {
            return AttributeValue.fromNul(true);
        }
        throw new LakepipeException("Invalid config value: %s cannot be stored in DynamoDB", json);
    }

    private static JsonNode toJson(AttributeValue value) {
        return switch (value.type()) {
            case S -> JSON.textNode(value.s());
            case N -> number(value.n());
            case BOOL -> JSON.booleanNode(value.bool());
            case NUL -> JSON.nullNode();
            case M -> toJson(value.m());
            case L -> {
                var array = JSON.arrayNode();
                value.l().forEach(element -> array.add(toJson(element)));
                yield array;
            }
            case SS -> {
                var array = JSON.arrayNode();
                value.ss().forEach(array::add);
                yield array;
            }
            case NS -> {
                var array = JSON.arrayNode();
                value.ns().forEach(number -> array.add(number(number)));
                yield array;
            }
            case B, BS, UNKNOWN_TO_SDK_VERSION ->
                throw new LakepipeException(
                        "Invalid config value: DynamoDB type %s has no JSON form; store config values as strings, numbers,"
                                + " booleans, lists or maps",
                        value.type());
        };
    }

    /** The node Jackson itself would parse from this number's text, so stored and file items compare equal. */
    private static JsonNode number(String text) {
        var decimal = new BigDecimal(text);
        if (!text.contains(".") && decimal.scale() <= 0) {
            var integer = decimal.toBigIntegerExact();
            if (integer.bitLength() < 32) {
                return JSON.numberNode(integer.intValue());
            }
            return integer.bitLength() < 64 ? JSON.numberNode(integer.longValue()) : JSON.numberNode(integer);
        }
        return JSON.numberNode(decimal.doubleValue());
    }
}
