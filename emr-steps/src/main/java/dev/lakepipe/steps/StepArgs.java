package dev.lakepipe.steps;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step arguments: {@code --name value} pairs, {@code --config <snapshot uri>} always first by contract. A name may repeat
 * only where the step reads it with {@link #all} ({@code --table} of a step group); {@link #required} and
 * {@link #optional} refuse a repeated name. Unknown names are kept for the step to reject; a missing value is a usage
 * error.
 */
public record StepArgs(String step, Map<String, List<String>> values) {

    public StepArgs {
        requireNonNull(step, "step is null");
        var copy = new LinkedHashMap<String, List<String>>();
        values.forEach((name, given) -> copy.put(name, List.copyOf(given)));
        values = Collections.unmodifiableMap(copy);
    }

    public static StepArgs parse(String step, String... args) {
        var values = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < args.length; i++) {
            var name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("Invalid %s arguments: '%s' needs the form --name value", step, name);
            }
            values.computeIfAbsent(name.substring(2), ignored -> new ArrayList<>())
                    .add(args[++i]);
        }
        return new StepArgs(step, values);
    }

    public String required(String name) {
        return optional(name)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new UsageException("Invalid %s arguments: --%s is required", step, name));
    }

    public Optional<String> optional(String name) {
        var given = values.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw new UsageException(
                    "Invalid %s arguments: --%s is given %d times (%s); it takes one value",
                    step, name, given.size(), String.join(", ", given));
        }
        return given.stream().findFirst();
    }

    /** Every value of a name that may repeat, in order; at least one, none blank, no value twice. */
    public List<String> all(String name) {
        var given = values.getOrDefault(name, List.of());
        if (given.isEmpty() || given.stream().anyMatch(String::isBlank)) {
            throw new UsageException("Invalid %s arguments: --%s is required", step, name);
        }
        var duplicate = given.stream()
                .filter(value -> given.indexOf(value) != given.lastIndexOf(value))
                .findFirst();
        if (duplicate.isPresent()) {
            throw new UsageException("Invalid %s arguments: --%s %s is given twice", step, name, duplicate.get());
        }
        return given;
    }

    /** Bad step arguments: exit code 2. */
    public static final class UsageException extends LakepipeException {
        public UsageException(String format, Object... args) {
            super(format, args);
        }
    }
}
