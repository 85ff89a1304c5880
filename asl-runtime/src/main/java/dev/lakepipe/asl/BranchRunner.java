package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs Parallel branches and Map iterations concurrently on the engine's workers. Results keep
 * branch/item order. The first failure stops the siblings (interrupting them) and fails the state
 * with that failure's own error name, as Step Functions does; a Map with ToleratedFailure* keeps going
 * until the tolerance is exceeded.
 */
final class BranchRunner {

    /** Inline Map runs at most 40 iterations at once. */
    static final int INLINE_MAP_LIMIT = 40;

    private final Engine engine;
    private final ExecutionHistory history;
    private final Interpreter interpreter;

    BranchRunner(Engine engine, ExecutionHistory history, Interpreter interpreter) {
        this.engine = engine;
        this.history = history;
        this.interpreter = interpreter;
    }

    JsonNode parallel(State.Parallel state, JsonNode input) {
        history.add("ParallelStateStarted", StatesJson.object());
        List<Callable<JsonNode>> work = new ArrayList<>();
        state.branches().forEach(branch -> work.add(() -> interpreter.run(branch, input.deepCopy())));
        try {
            ArrayNode result = runAll(work, Integer.MAX_VALUE, Tolerance.NONE, index -> {}, (index, failure) -> {});
            history.add("ParallelStateSucceeded", StatesJson.object());
            return result;
        } catch (StatesFailure failure) {
            history.add("ParallelStateFailed", errorDetails(failure));
            throw failure;
        }
    }

    JsonNode map(State.Map state, JsonNode input, ObjectNode context) {
        JsonNode items = JsonPaths.read(state.itemsPath().orElse("$"), input, context);
        if (!items.isArray()) {
            throw StatesFailure.runtime(
                    "Map state '%s': ItemsPath '%s' must select an array, got %s",
                    state.name(), state.itemsPath().orElse("$"), StatesJson.write(items));
        }
        int limit = limit(state, input, context);
        ObjectNode started = StatesJson.object();
        started.put("length", items.size());
        history.add("MapStateStarted", started);
        List<Callable<JsonNode>> work = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            JsonNode item = items.get(i);
            work.add(() -> interpreter.run(state.processor(), itemInput(state, input, context, index, item)));
        }
        var tolerance = new Tolerance(
                state.toleratedFailureCount().orElse(-1),
                state.toleratedFailurePercentage().orElse(-1.0));
        try {
            ArrayNode result = runAll(
                    work,
                    limit,
                    tolerance,
                    index -> history.add("MapIterationStarted", iteration(state, index)),
                    (index, failure) -> history.add(
                            failure == null ? "MapIterationSucceeded" : "MapIterationFailed", iteration(state, index)));
            history.add("MapStateSucceeded", StatesJson.object());
            return result;
        } catch (StatesFailure failure) {
            history.add("MapStateFailed", errorDetails(failure));
            throw failure;
        }
    }

    private static JsonNode itemInput(State.Map state, JsonNode input, ObjectNode context, int index, JsonNode item) {
        if (state.itemSelector().isEmpty()) {
            return item.deepCopy();
        }
        ObjectNode itemContext = context.deepCopy();
        ObjectNode itemNode = itemContext.putObject("Map").putObject("Item");
        itemNode.put("Index", index);
        itemNode.set("Value", item);
        return Templates.evaluate(state.itemSelector().get(), input, itemContext);
    }

    private static int limit(State.Map state, JsonNode input, JsonNode context) {
        int limit = state.maxConcurrency();
        if (state.maxConcurrencyPath().isPresent()) {
            JsonNode value = JsonPaths.read(state.maxConcurrencyPath().get(), input, context);
            if (!value.canConvertToExactIntegral() || value.asInt() < 0) {
                throw StatesFailure.runtime(
                        "Map state '%s': MaxConcurrencyPath value %s is not a valid integer", state.name(), value);
            }
            limit = value.asInt();
        }
        return limit == 0 ? INLINE_MAP_LIMIT : Math.min(limit, INLINE_MAP_LIMIT);
    }

    /** Failures a Map may tolerate; negative values mean "not set". */
    private record Tolerance(int count, double percentage) {
        static final Tolerance NONE = new Tolerance(-1, -1);

        boolean exceeded(int failures, int total) {
            if (count < 0 && percentage < 0) {
                return failures > 0;
            }
            boolean overCount = count >= 0 && failures > count;
            boolean overPercentage = percentage >= 0 && total > 0 && failures * 100.0 / total > percentage;
            return count >= 0 && percentage >= 0 ? overCount && overPercentage : overCount || overPercentage;
        }

        boolean set() {
            return count >= 0 || percentage >= 0;
        }
    }

    private interface Started {
        void accept(int index);
    }

    private interface Finished {
        void accept(int index, StatesFailure failure);
    }

    /**
     * Runs the work items, at most {@code limit} at once and started in order; returns the results
     * in order, or throws the first failure after interrupting the rest.
     */
    private ArrayNode runAll(
            List<Callable<JsonNode>> work, int limit, Tolerance tolerance, Started started, Finished finished) {
        Semaphore slots = new Semaphore(Math.min(limit, Math.max(work.size(), 1)));
        CompletionService<Indexed> completion = new ExecutorCompletionService<>(engine.workers());
        List<Future<Indexed>> futures = new ArrayList<>();
        JsonNode[] results = new JsonNode[work.size()];
        int failures = 0;
        int done = 0;
        try {
            for (int i = 0; i < work.size(); i++) {
                slots.acquire();
                int index = i;
                started.accept(index);
                futures.add(completion.submit(() -> {
                    try {
                        JsonNode result = work.get(index).call();
                        finished.accept(index, null);
                        return new Indexed(index, result, null);
                    } catch (StatesFailure failure) {
                        finished.accept(index, failure);
                        return new Indexed(index, null, failure);
                    } finally {
                        slots.release();
                    }
                }));
                for (Future<Indexed> ready = completion.poll(); ready != null; ready = completion.poll()) {
                    failures += collect(ready, results, tolerance, failures, work.size());
                    done++;
                }
            }
            while (done < work.size()) {
                failures += collect(completion.take(), results, tolerance, failures, work.size());
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionAborted();
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
        ArrayNode array = StatesJson.MAPPER.createArrayNode();
        for (JsonNode result : results) {
            array.add(result);
        }
        return array;
    }

    private record Indexed(int index, JsonNode result, StatesFailure failure) {}

    private static int collect(Future<Indexed> future, JsonNode[] results, Tolerance tolerance, int failures, int total)
            throws InterruptedException {
        Indexed outcome;
        try {
            outcome = future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Branch failed", e.getCause());
        }
        if (outcome.failure() == null) {
            results[outcome.index()] = outcome.result();
            return 0;
        }
        if (!tolerance.set()) {
            throw outcome.failure();
        }
        if (tolerance.exceeded(failures + 1, total)) {
            throw new StatesFailure(
                    StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        ObjectNode errorOutput = StatesJson.object();
        errorOutput.put("Error", outcome.failure().error());
        errorOutput.put("Cause", outcome.failure().cause());
        results[outcome.index()] = errorOutput;
        return 1;
    }

    private static ObjectNode iteration(State.Map state, int index) {
        ObjectNode details = StatesJson.object();
        details.put("name", state.name());
        details.put("index", index);
        return details;
    }

    private static ObjectNode errorDetails(StatesFailure failure) {
        ObjectNode details = StatesJson.object();
        details.put("error", failure.error());
        details.put("cause", failure.cause());
        return details;
    }
}
