package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one attempt of a Task state: finds the integration, calls it (on a worker thread when a
 * timeout or heartbeat must be enforced), records the Task* history events and turns any failure
 * into the error Step Functions would report.
 */
final class TaskRunner {

    private final Engine engine;
    private final Execution execution;
    private final ExecutionHistory history;

    TaskRunner(Engine engine, Execution execution, ExecutionHistory history) {
        this.engine = engine;
        this.execution = execution;
        this.history = history;
    }

    /** Adds {@code $$.Task.Token} for {@code .waitForTaskToken} resources; a retry gets a new token. */
    static void addTaskToken(State.Task state, ObjectNode context) {
        if (ResourceArn.parse(state.resource()).pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN) {
            context.putObject("Task").put("Token", UUID.randomUUID().toString());
        }
    }

    /**
     * @param stateInput the state input after InputPath (what TimeoutSecondsPath/HeartbeatSecondsPath read)
     * @param input the task input after Parameters
     */
    JsonNode run(State.Task state, JsonNode stateInput, JsonNode input, ObjectNode context) {
        TaskIntegration integration = engine.integrations()
                .find(state.resource())
                .orElseThrow(() -> StatesFailure.runtime(
                        "No integration handles resource '%s' of state '%s'", state.resource(), state.name()));
        ResourceArn arn = ResourceArn.parse(state.resource());
        Optional<Duration> timeout =
                seconds(state.timeoutSeconds(), state.timeoutSecondsPath(), stateInput, context, "TimeoutSecondsPath");
        Optional<Duration> heartbeat = seconds(
                state.heartbeatSeconds(), state.heartbeatSecondsPath(), stateInput, context, "HeartbeatSecondsPath");
        history.add("TaskScheduled", scheduled(state, arn, input, timeout, heartbeat));
        history.add("TaskStarted", resourceDetails(arn));
        Timer timer = engine.timer();
        AtomicLong lastBeat = new AtomicLong(timer.nanoTime());
        var request = new TaskRequest(
                state.resource(),
                input,
                state.name(),
                execution.arn(),
                context,
                timeout,
                () -> lastBeat.set(timer.nanoTime()));
        try {
            JsonNode result = timeout.isEmpty() && heartbeat.isEmpty()
                    ? call(integration, request)
                    : callWithClock(integration, request, timeout, heartbeat, lastBeat);
            ObjectNode details = resourceDetails(arn);
            details.put("output", StatesJson.write(result));
            history.add("TaskSucceeded", details);
            return result;
        } catch (StatesFailure failure) {
            ObjectNode details = resourceDetails(arn);
            details.put("error", failure.error());
            details.put("cause", failure.cause());
            history.add(
                    StatesError.TIMEOUT.errorName().equals(failure.error()) ? "TaskTimedOut" : "TaskFailed", details);
            throw failure;
        }
    }

    private static JsonNode call(TaskIntegration integration, TaskRequest request) {
        try {
            JsonNode result = integration.invoke(request);
            if (result == null) {
                throw new IllegalStateException("integration returned null");
            }
            return result;
        } catch (StatesFailure failure) {
            throw failure;
        } catch (ExecutionAborted aborted) {
            throw aborted;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ExecutionAborted();
            }
            throw new TaskFailure(StatesError.TASK_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private JsonNode callWithClock(
            TaskIntegration integration,
            TaskRequest request,
            Optional<Duration> timeout,
            Optional<Duration> heartbeat,
            AtomicLong lastBeat) {
        // The deadline counts from before the call starts: read after it, a call that is quick to move time (or a
        // busy machine) would push the deadline out of reach and the task would never time out.
        Timer timer = engine.timer();
        long deadline = timeout.map(value -> timer.nanoTime() + value.toNanos()).orElse(Long.MAX_VALUE);
        Future<JsonNode> call = engine.workers().submit(() -> call(integration, request));
        try {
            while (true) {
                // Now before the last beat: read the other way round, a worker that beats and moves time on between
                // the two reads would look silent (a false heartbeat timeout, seen on an idle 2-core machine).
                long now = timer.nanoTime();
                long heartbeatDeadline =
                        heartbeat.map(value -> lastBeat.get() + value.toNanos()).orElse(Long.MAX_VALUE);
                long wakeUp = Math.min(deadline, heartbeatDeadline);
                if (now - wakeUp >= 0) {
                    call.cancel(true);
                    throw new StatesFailure(StatesError.TIMEOUT, "");
                }
                if (timer.awaitDone(call, wakeUp)) {
                    return call.get();
                }
                // not done by wakeUp: loop, the heartbeat may have moved on, or a deadline has passed
            }
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExecutionAborted();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TaskFailure(StatesError.TASK_FAILED, String.valueOf(e.getCause()));
        } catch (CancellationException e) {
            throw new ExecutionAborted();
        }
    }

    private static Optional<Duration> seconds(
            Optional<Integer> fixed, Optional<String> path, JsonNode input, JsonNode context, String field) {
        if (fixed.isPresent()) {
            return fixed.map(Duration::ofSeconds);
        }
        return path.map(reference -> {
            JsonNode value = JsonPaths.read(reference, input, context);
            if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
                throw StatesFailure.runtime("The %s parameter must reference a positive integer: %s", field, value);
            }
            return Duration.ofSeconds(value.asLong());
        });
    }

    private ObjectNode scheduled(
            State.Task state,
            ResourceArn arn,
            JsonNode input,
            Optional<Duration> timeout,
            Optional<Duration> heartbeat) {
        ObjectNode details = resourceDetails(arn);
        details.put("region", engine.region());
        details.put("parameters", StatesJson.write(input));
        timeout.ifPresent(value -> details.put("timeoutInSeconds", value.toSeconds()));
        heartbeat.ifPresent(value -> details.put("heartbeatInSeconds", value.toSeconds()));
        return details;
    }

    private static ObjectNode resourceDetails(ResourceArn arn) {
        ObjectNode details = StatesJson.object();
        details.put("resourceType", arn.isServiceIntegration() ? arn.service() : "lambda");
        details.put(
                "resource",
                arn.isServiceIntegration() ? arn.action() + arn.pattern().suffix() : arn.resource());
        return details;
    }
}
