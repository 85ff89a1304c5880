package dev.lakepipe.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The Jackson mappers every module shares: one configuration (Jackson's defaults; numbers as Jackson parses them),
 * configured once and thread-safe from then on. The ASL runtime keeps its own ({@code StatesJson}): Step Functions
 * compares numbers exactly.
 */
public final class Json {

    /** Compact output: JSON lines, messages, checkpoints, payloads. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The same mapper, indented output: files people read (configs, secrets, catalog entries, status). */
    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}
}
