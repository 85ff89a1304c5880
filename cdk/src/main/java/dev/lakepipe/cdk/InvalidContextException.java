package dev.lakepipe.cdk;

import dev.lakepipe.LakepipeException;
import java.util.List;

/** One or more CDK context parameters are missing or invalid; the message lists every problem and its fix. */
public class InvalidContextException extends LakepipeException {
    private final List<String> problems;

    public InvalidContextException(List<String> problems) {
        super(
                "Invalid CDK context (%d problem%s):%n  - %s",
                problems.size(), problems.size() == 1 ? "" : "s", String.join("%n  - ".formatted(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
