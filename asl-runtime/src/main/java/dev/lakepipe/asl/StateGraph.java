package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code StartAt} plus {@code States}: the top level, a Parallel branch or a Map item processor. */
public record StateGraph(String startAt, Map<String, State> states) {

    public StateGraph {
        requireNonNull(startAt, "startAt is null");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw StatesFailure.runtime("Cannot find state '%s'", name);
        }
        return state;
    }
}
