package dev.lakepipe.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The config items of one identifier, as stored (the DynamoDB config table). */
@FunctionalInterface
public interface ConfigSource {

    /** Every stored item of {@code identifier}, unvalidated; empty when there is none. */
    List<JsonNode> storedItems(String identifier);
}
