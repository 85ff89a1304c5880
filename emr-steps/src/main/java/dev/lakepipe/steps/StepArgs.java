package dev.lakepipe.steps;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Step arguments: {@code --name value} pairs, {@code --config <snapshot uri>} always first by
 * contract. Unknown names are kept for the step to reject; a missing value is a usage error.
 */
public record StepArgs(String step, Map<String, String> values) {

    public StepArgs {
        requireNonNull(step, "step is null");
        values = Map.copyOf(values);
    }

    public static StepArgs parse(String step, String... args) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("Invalid %s arguments: '%s' needs the form --name value", step, name);
            }
            values.put(name.substring(2), args[++i]);
        }
        return new StepArgs(step, values);
    }

    public String required(String name) {
        var value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("Invalid %s arguments: --%s is required", step, name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Bad step arguments: exit code 2. */
    public static final class UsageException extends LakepipeException {
        public UsageException(String format, Object... args) {
            super(format, args);
        }
    }
}
