package dev.lakepipe.local.runtime;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionListener;
import dev.lakepipe.asl.StateType;
import dev.lakepipe.local.emr.EmrListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints a pipeline run as it goes, one line per event: the state machine's top-level states, the cluster,
 * each step starting and ending with a running count, and each execution's final status.
 */
public final class RunProgress implements ExecutionListener, EmrListener {

    private final PrintWriter out;
    private final Set<String> topLevelStates;
    private final Clock clock;
    private final Map<String, AtomicInteger> added = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> ended = new ConcurrentHashMap<>();

    /** @param topLevelStates the state names worth a line (the machine's own, not those inside its Map) */
    public RunProgress(PrintWriter out, Set<String> topLevelStates, Clock clock) {
        this.out = requireNonNull(out, "out is null");
        this.topLevelStates = Set.copyOf(topLevelStates);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void onStateEntered(Execution execution, String stateName, StateType type) {
        if (topLevelStates.contains(stateName)) {
            line(execution.name() + "  " + stateName);
        }
    }

    @Override
    public void onFinished(Execution execution) {
        Duration took = execution
                .stopDate()
                .map(stop -> Duration.between(execution.startDate(), stop))
                .orElse(Duration.ZERO);
        String outcome = execution.name() + "  " + execution.status() + " in " + took.toSeconds() + "s";
        line(execution
                .error()
                .map(error -> outcome + ": " + error
                        + execution.cause().map(cause -> " (" + cause + ")").orElse(""))
                .orElse(outcome));
    }

    @Override
    public void onClusterCreated(String clusterId, String name) {
        line("cluster " + clusterId + " (" + name + ") WAITING");
    }

    @Override
    public void onStepStateChanged(String clusterId, String stepId, String stepName, String state) {
        switch (state) {
            case "PENDING" ->
                added.computeIfAbsent(clusterId, id -> new AtomicInteger()).incrementAndGet();
            case "RUNNING" -> line("cluster " + clusterId + "  step " + stepName + " RUNNING (" + stepId + ")");
            default -> {
                int done = ended.computeIfAbsent(clusterId, id -> new AtomicInteger())
                        .incrementAndGet();
                int total = added.getOrDefault(clusterId, new AtomicInteger()).get();
                line("cluster " + clusterId + "  step " + stepName + " " + state + " [" + done + "/" + total
                        + " steps ended]");
            }
        }
    }

    @Override
    public void onClusterTerminated(String clusterId) {
        line("cluster " + clusterId + " TERMINATED");
    }

    private synchronized void line(String text) {
        out.println(LocalTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS) + "  " + text);
        out.flush();
    }
}
