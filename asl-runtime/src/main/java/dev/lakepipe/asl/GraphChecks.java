package dev.lakepipe.asl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Transition checks of one graph: StartAt and every Next exist in the same graph, every state is reachable. */
final class GraphChecks {

    private GraphChecks() {}

    static void check(StateGraph graph, String where, List<String> problems) {
        if (!graph.states().containsKey(graph.startAt())) {
            problems.add(where + ": StartAt '" + graph.startAt() + "' is not a state of "
                    + (where.equals("Definition") ? "the machine" : "this branch"));
        }
        for (State state : graph.states().values()) {
            for (String target : targets(state)) {
                if (!graph.states().containsKey(target)) {
                    problems.add("State '" + state.name() + "': Next '" + target + "' is not a state of "
                            + (where.equals("Definition") ? "the machine" : where)
                            + " (a transition cannot leave or enter a branch)");
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(graph.startAt()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            State state = graph.states().get(name);
            if (state != null && reached.add(name)) {
                pending.addAll(targets(state));
            }
        }
        graph.states().keySet().stream()
                .filter(name -> !reached.contains(name))
                .forEach(name ->
                        problems.add("State '" + name + "': is not reachable from StartAt '" + graph.startAt() + "'"));
    }

    private static List<String> targets(State state) {
        List<String> targets = new ArrayList<>();
        state.common().next().ifPresent(targets::add);
        state.common().catchers().forEach(catcher -> targets.add(catcher.next()));
        if (state instanceof State.Choice choice) {
            choice.choices().forEach(rule -> rule.next().ifPresent(targets::add));
            choice.defaultNext().ifPresent(targets::add);
        }
        targets.removeIf(String::isEmpty);
        return targets;
    }
}
