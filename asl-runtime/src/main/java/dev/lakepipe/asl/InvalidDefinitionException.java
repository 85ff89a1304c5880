package dev.lakepipe.asl;

import dev.lakepipe.LakepipeException;
import java.util.List;

/** A state machine definition that cannot run; lists every problem found, each naming its state. */
public class InvalidDefinitionException extends LakepipeException {

    private final List<String> problems;

    public InvalidDefinitionException(String definitionName, List<String> problems) {
        super(
                "Invalid state machine definition %s:%n  %s",
                definitionName, String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
