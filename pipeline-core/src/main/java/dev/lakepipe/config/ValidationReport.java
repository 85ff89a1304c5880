package dev.lakepipe.config;

import java.util.List;

/** The outcome of validating a set of stored items: the items that parsed, and every problem found. */
public record ValidationReport(List<ConfigItem> items, List<ConfigProblem> problems) {

    public ValidationReport {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The items, or a {@link ConfigValidationException} listing every problem; {@code source} names the input. */
    public List<ConfigItem> itemsOrThrow(String source) {
        if (!isValid()) {
            throw new ConfigValidationException(source, problems);
        }
        return items;
    }
}
