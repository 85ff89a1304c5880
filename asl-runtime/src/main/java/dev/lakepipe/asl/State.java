package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A parsed state. Each type keeps only its own fields; the shared ones live in {@link StateCommon}. */
public sealed interface State {

    StateCommon common();

    default String name() {
        return common().name();
    }

    default StateType type() {
        return common().type();
    }

    record Task(
            StateCommon common,
            String resource,
            Optional<Integer> timeoutSeconds,
            Optional<String> timeoutSecondsPath,
            Optional<Integer> heartbeatSeconds,
            Optional<String> heartbeatSecondsPath)
            implements State {
        public Task {
            requireNonNull(common, "common is null");
            requireNonNull(resource, "resource is null");
        }
    }

    record Pass(StateCommon common, Optional<JsonNode> result) implements State {
        public Pass {
            requireNonNull(common, "common is null");
            requireNonNull(result, "result is null");
        }
    }

    record Choice(StateCommon common, List<ChoiceRule> choices, Optional<String> defaultNext) implements State {
        public Choice {
            requireNonNull(common, "common is null");
            choices = List.copyOf(choices);
            requireNonNull(defaultNext, "defaultNext is null");
        }
    }

    record Wait(
            StateCommon common,
            Optional<Long> seconds,
            Optional<String> secondsPath,
            Optional<String> timestamp,
            Optional<String> timestampPath)
            implements State {
        public Wait {
            requireNonNull(common, "common is null");
        }
    }

    record Succeed(StateCommon common) implements State {
        public Succeed {
            requireNonNull(common, "common is null");
        }
    }

    record Fail(
            StateCommon common,
            Optional<String> error,
            Optional<String> errorPath,
            Optional<String> cause,
            Optional<String> causePath)
            implements State {
        public Fail {
            requireNonNull(common, "common is null");
        }
    }

    record Parallel(StateCommon common, List<StateGraph> branches) implements State {
        public Parallel {
            requireNonNull(common, "common is null");
            branches = List.copyOf(branches);
        }
    }

    record Map(
            StateCommon common,
            StateGraph processor,
            Optional<String> itemsPath,
            Optional<JsonNode> itemSelector,
            int maxConcurrency,
            Optional<String> maxConcurrencyPath,
            Optional<Integer> toleratedFailureCount,
            Optional<Double> toleratedFailurePercentage)
            implements State {
        public Map {
            requireNonNull(common, "common is null");
            requireNonNull(processor, "processor is null");
        }
    }
}
