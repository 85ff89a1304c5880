package dev.lakepipe.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.util.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's low-level JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ...) to and from SDK values. */
final class AttributeValues {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private AttributeValues() {}

    static Map<String, AttributeValue> map(JsonNode json) {
        var values = new LinkedHashMap<String, AttributeValue>();
        if (json != null && !json.isNull()) {
            json.fields().forEachRemaining(field -> values.put(field.getKey(), value(field.getValue())));
        }
        return values;
    }

    static AttributeValue value(JsonNode json) {
        if (json == null || !json.isObject() || json.size() != 1) {
            throw new LakepipeException(
                    "Invalid DynamoDB attribute value: %s; expected one type key such as {\"S\": \"text\"}", json);
        }
        var field = json.fields().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(map(v));
            case "L" -> AttributeValue.fromL(list(v));
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" ->
                AttributeValue.fromBs(texts(v).stream()
                        .map(text -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text)))
                        .toList());
            default ->
                throw new LakepipeException(
                        "Invalid DynamoDB attribute type: %s in %s; use S, N, B, BOOL, NULL, M, L, SS, NS or BS",
                        field.getKey(), json);
        };
    }

    static ObjectNode json(Map<String, AttributeValue> values) {
        ObjectNode json = MAPPER.createObjectNode();
        values.forEach((name, value) -> json.set(name, json(value)));
        return json;
    }

    static ObjectNode json(AttributeValue value) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case M -> json.set("M", json(value.m()));
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(item -> list.add(json(item)));
            }
            case SS -> value.ss().forEach(json.putArray("SS")::add);
            case NS -> value.ns().forEach(json.putArray("NS")::add);
            case BS -> {
                ArrayNode list = json.putArray("BS");
                value.bs().forEach(bytes -> list.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
            }
            default -> throw new LakepipeException("Cannot convert DynamoDB attribute value %s to JSON", value);
        }
        return json;
    }

    private static List<AttributeValue> list(JsonNode json) {
        var values = new ArrayList<AttributeValue>();
        json.forEach(item -> values.add(value(item)));
        return values;
    }

    private static List<String> texts(JsonNode json) {
        var values = new ArrayList<String>();
        json.forEach(item -> values.add(item.asText()));
        return values;
    }
}
