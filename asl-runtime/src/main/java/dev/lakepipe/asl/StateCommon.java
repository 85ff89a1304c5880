package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The fields every state type shares. Path fields are {@code Optional}: empty means the field was
 * JSON {@code null} (InputPath/OutputPath give {@code {}}, ResultPath discards the result); an absent
 * field is {@code $}. Templates are empty when absent.
 */
public record StateCommon(
        String name,
        StateType type,
        Optional<String> next,
        boolean end,
        Optional<String> inputPath,
        Optional<String> outputPath,
        Optional<JsonNode> parameters,
        Optional<JsonNode> resultSelector,
        Optional<String> resultPath,
        List<Retrier> retriers,
        List<Catcher> catchers) {

    public StateCommon {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(next, "next is null");
        requireNonNull(inputPath, "inputPath is null");
        requireNonNull(outputPath, "outputPath is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(resultSelector, "resultSelector is null");
        requireNonNull(resultPath, "resultPath is null");
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }
}
