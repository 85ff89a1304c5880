package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A Choice rule: a condition and, at the top level only, the state to go to when it holds. */
public record ChoiceRule(Condition condition, Optional<String> next) {

    public ChoiceRule {
        requireNonNull(condition, "condition is null");
        requireNonNull(next, "next is null");
    }

    public sealed interface Condition {}

    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            requireNonNull(condition, "condition is null");
        }
    }

    /** {@code Variable} with one data-test operator, e.g. {@code NumericGreaterThanEqualsPath}. */
    record Comparison(String variable, String operator, JsonNode operand) implements Condition {
        public Comparison {
            requireNonNull(variable, "variable is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(operand, "operand is null");
        }
    }
}
