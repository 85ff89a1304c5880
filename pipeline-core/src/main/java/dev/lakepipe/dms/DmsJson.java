package dev.lakepipe.dms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.util.Json;

/** Renders the DMS JSON documents; pretty-printed so CloudFormation diffs stay readable. */
final class DmsJson {
    private static final ObjectMapper MAPPER = Json.PRETTY;

    private DmsJson() {}

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to render DMS JSON: " + e.getOriginalMessage(), e);
        }
    }
}
