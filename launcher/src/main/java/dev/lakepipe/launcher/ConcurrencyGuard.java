package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.util.Backoff;
import dev.lakepipe.util.Retry;
import dev.lakepipe.util.Sleeper;
import java.util.List;
import java.util.Set;

/**
 * Refuses a launch while an execution of the same identifier runs whose pipeline is not in the
 * launched pipeline's {@code allowed_concurrent} (a pipeline is never allowed next to itself
 * unless it lists itself). The execution named in {@code triggered_by} is ignored: it is the
 * predecessor handing over through next_pipeline. The check is retried with a bounded backoff so a
 * run that is just finishing does not cause a refusal.
 */
public final class ConcurrencyGuard {

    private final ExecutionService executions;
    private final Backoff backoff;
    private final Sleeper sleeper;

    public ConcurrencyGuard(ExecutionService executions, Backoff backoff, Sleeper sleeper) {
        this.executions = requireNonNull(executions, "executions is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** Returns when the launch may go ahead; throws {@link LaunchRefusedException} otherwise. */
    public void check(LaunchRequest request, Set<String> allowedConcurrent, String configKey) {
        List<String> blockers = Retry.with(backoff)
                .sleeper(sleeper)
                .action("launch " + request)
                .until(() -> blockers(request, allowedConcurrent), List::isEmpty);
        if (!blockers.isEmpty()) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.CONCURRENT_EXECUTION,
                    "Cannot launch %s %s: %s still running after %d check(s), and %s is not allowed to run concurrently with it "
                            + "(allowed_concurrent of %s is %s); wait for it to finish or add its pipeline to allowed_concurrent",
                    request.identifier(),
                    request.pipeline(),
                    String.join(", ", blockers),
                    backoff.maxAttempts(),
                    request.pipeline(),
                    configKey,
                    allowedConcurrent.stream().sorted().toList());
        }
    }

    private List<String> blockers(LaunchRequest request, Set<String> allowedConcurrent) {
        return executions.runningExecutionNames().stream()
                .filter(name -> request.triggeredBy()
                        .map(trigger -> !trigger.equals(name))
                        .orElse(true))
                .filter(name -> ExecutionNames.pipelineOf(request.identifier(), name)
                        .map(pipeline -> !allowedConcurrent.contains(pipeline))
                        .orElse(false))
                .sorted()
                .toList();
    }
}
