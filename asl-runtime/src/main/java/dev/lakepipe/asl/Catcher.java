package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One entry of a state's {@code Catch} array. An empty resultPath means {@code "ResultPath": null}. */
public record Catcher(List<String> errorEquals, String next, Optional<String> resultPath) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
        requireNonNull(next, "next is null");
        requireNonNull(resultPath, "resultPath is null");
    }

    public boolean matches(String error) {
        return errorEquals.stream().anyMatch(matcher -> StatesError.matches(matcher, error));
    }
}
