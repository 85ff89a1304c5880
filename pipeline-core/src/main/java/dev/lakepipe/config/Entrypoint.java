package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code entrypoint} of a custom step: the main class in emr-steps.jar and its extra arguments. */
public record Entrypoint(String className, List<String> args) {

    public Entrypoint {
        requireNonNull(className, "className is null");
        args = List.copyOf(args);
    }
}
