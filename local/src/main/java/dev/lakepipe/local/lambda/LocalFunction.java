package dev.lakepipe.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/** A Lambda function run in-process: the event in, the response out; an exception is a function error. */
@FunctionalInterface
public interface LocalFunction {

    JsonNode handle(JsonNode event);
}
