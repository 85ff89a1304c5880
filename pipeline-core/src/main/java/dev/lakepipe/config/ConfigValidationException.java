package dev.lakepipe.config;

import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.stream.Collectors;

/** Configs that failed validation; carries every problem found, not only the first. */
public class ConfigValidationException extends LakepipeException {

    private final List<ConfigProblem> problems;

    public ConfigValidationException(String source, List<ConfigProblem> problems) {
        super("Invalid configs in %s: %d problem(s)%n%s", source, problems.size(), render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        return problems.stream().map(problem -> "  - " + problem).collect(Collectors.joining(System.lineSeparator()));
    }
}
