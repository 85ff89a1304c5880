package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs state graphs of one execution: the state loop, the input/output pipeline, Retry and Catch,
 * and the simple state types. Task, Parallel and Map work is delegated to {@link TaskRunner} and
 * {@link BranchRunner}.
 */
final class Interpreter {

    static final int PAYLOAD_LIMIT_BYTES = 262_144;

    private final Engine engine;
    private final Execution execution;
    private final ExecutionHistory history;
    private final ObjectNode baseContext;
    private final TaskRunner tasks;
    private final BranchRunner branches;

    Interpreter(Engine engine, Execution execution, ExecutionHistory history, ObjectNode baseContext) {
        this.engine = engine;
        this.execution = execution;
        this.history = history;
        this.baseContext = baseContext;
        this.tasks = new TaskRunner(engine, execution, history);
        this.branches = new BranchRunner(engine, history, this);
    }

    /** Runs {@code graph} from StartAt to an end; returns its output or throws the failure. */
    JsonNode run(StateGraph graph, JsonNode input) {
        String current = graph.startAt();
        JsonNode data = input;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ExecutionAborted();
            }
            Step step = runState(graph.state(current), data);
            if (step.next().isEmpty()) {
                return step.output();
            }
            current = step.next().get();
            data = step.output();
        }
    }

    record Step(JsonNode output, Optional<String> next) {}

    private Step runState(State state, JsonNode raw) {
        String type = state.type().aslName();
        Instant entered = engine.clock().instant();
        long enteredId = history.add(type + "StateEntered", details(state.name(), "input", raw));
        history.stateEntered(state.name(), state.type());
        Step step;
        try {
            step = switch (state.type()) {
                case TASK, PARALLEL, MAP -> withRetryAndCatch(state, raw, entered);
                case PASS -> pass((State.Pass) state, raw, context(state, entered, 0));
                case CHOICE -> choice((State.Choice) state, raw, context(state, entered, 0));
                case WAIT -> waitState((State.Wait) state, raw, context(state, entered, 0));
                case SUCCEED ->
                    new Step(
                            outputPath(
                                    state,
                                    inputPath(state, raw, context(state, entered, 0)),
                                    context(state, entered, 0)),
                            Optional.empty());
                case FAIL -> throw failure((State.Fail) state, raw, context(state, entered, 0));
            };
            checkSize(step.output(), state.name());
        } catch (StatesFailure failure) {
            if (StatesError.RUNTIME.errorName().equals(failure.error())
                    && !String.valueOf(failure.cause()).startsWith("An error occurred")) {
                throw new StatesFailure(
                        failure.error(),
                        String.format(
                                "An error occurred while executing the state '%s' (entered at the event id #%d). %s",
                                state.name(), enteredId, failure.cause()));
            }
            throw failure;
        }
        history.add(type + "StateExited", details(state.name(), "output", step.output()));
        history.stateExited(state.name(), state.type());
        return step;
    }

    private Step withRetryAndCatch(State state, JsonNode raw, Instant entered) {
        List<Retrier> retriers = state.common().retriers();
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                ObjectNode context = context(state, entered, retryCount);
                if (state instanceof State.Task task) {
                    TaskRunner.addTaskToken(task, context);
                }
                JsonNode selected = inputPath(state, raw, context);
                JsonNode effective = parameters(state, selected, context);
                JsonNode result = switch (state.type()) {
                    case TASK -> tasks.run((State.Task) state, selected, effective, context);
                    case PARALLEL -> branches.parallel((State.Parallel) state, effective);
                    default -> branches.map((State.Map) state, effective, context);
                };
                return new Step(
                        outputPath(state, resultPath(state, raw, resultSelector(state, result, context)), context),
                        state.common().next());
            } catch (StatesFailure failure) {
                int index = firstRetrier(retriers, failure.error());
                if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
                    Retrier retrier = retriers.get(index);
                    double delay = retrier.delaySeconds(attempts[index]);
                    if (retrier.fullJitter()) {
                        delay = ThreadLocalRandom.current().nextDouble() * delay;
                    }
                    attempts[index]++;
                    retryCount++;
                    sleep(Duration.ofMillis(Math.round(delay * 1000)));
                    continue;
                }
                return caught(state, raw, failure);
            }
        }
    }

    private static int firstRetrier(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).matches(error)) {
                return i;
            }
        }
        return -1;
    }

    private Step caught(State state, JsonNode raw, StatesFailure failure) {
        for (Catcher catcher : state.common().catchers()) {
            if (catcher.matches(failure.error())) {
                ObjectNode errorOutput = StatesJson.object();
                errorOutput.put("Error", failure.error());
                errorOutput.put("Cause", failure.cause());
                JsonNode output = catcher.resultPath()
                        .map(path -> JsonPaths.write(path, raw, (JsonNode) errorOutput))
                        .orElse(raw);
                return new Step(output, Optional.of(catcher.next()));
            }
        }
        throw failure;
    }

    private Step pass(State.Pass state, JsonNode raw, JsonNode context) {
        JsonNode effective = parameters(state, inputPath(state, raw, context), context);
        JsonNode result = state.result().<JsonNode>map(JsonNode::deepCopy).orElse(effective);
        return new Step(
                outputPath(state, resultPath(state, raw, result), context),
                state.common().next());
    }

    private Step choice(State.Choice state, JsonNode raw, JsonNode context) {
        JsonNode effective = inputPath(state, raw, context);
        for (ChoiceRule rule : state.choices()) {
            if (ChoiceEvaluator.evaluate(rule.condition(), effective, context)) {
                return new Step(outputPath(state, effective, context), rule.next());
            }
        }
        String next = state.defaultNext()
                .orElseThrow(() -> new StatesFailure(
                        StatesError.NO_CHOICE_MATCHED,
                        String.format(
                                "No Choice rule of state '%s' matched the input %s and it has no Default",
                                state.name(), StatesJson.write(effective))));
        return new Step(outputPath(state, effective, context), Optional.of(next));
    }

    private Step waitState(State.Wait state, JsonNode raw, JsonNode context) {
        JsonNode effective = inputPath(state, raw, context);
        Duration delay;
        if (state.seconds().isPresent()) {
            delay = Duration.ofSeconds(state.seconds().get());
        } else if (state.secondsPath().isPresent()) {
            JsonNode value = JsonPaths.read(state.secondsPath().get(), effective, context);
            if (!value.isIntegralNumber() && !(value.isNumber() && value.canConvertToExactIntegral())) {
                throw StatesFailure.runtime("The SecondsPath parameter cannot be parsed as a long value: %s", value);
            }
            if (value.asLong() < 0) {
                throw StatesFailure.runtime("The SecondsPath parameter references a negative value: %s", value);
            }
            delay = Duration.ofSeconds(value.asLong());
        } else {
            String text = state.timestamp()
                    .orElseGet(() -> JsonPaths.read(state.timestampPath().get(), effective, context)
                            .asText());
            OffsetDateTime until = Timestamps.parse(text)
                    .orElseThrow(() -> StatesFailure.runtime(
                            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s",
                            text));
            delay = Duration.between(engine.clock().instant(), until.toInstant());
        }
        if (!delay.isNegative() && !delay.isZero()) {
            sleep(delay);
        }
        return new Step(outputPath(state, effective, context), state.common().next());
    }

    private StatesFailure failure(State.Fail state, JsonNode raw, JsonNode context) {
        String error = state.errorPath()
                .map(path -> text(Templates.dynamicValue("ErrorPath", path, raw, context), state, "ErrorPath"))
                .orElse(state.error().orElse(null));
        String cause = state.causePath()
                .map(path -> text(Templates.dynamicValue("CausePath", path, raw, context), state, "CausePath"))
                .orElse(state.cause().orElse(null));
        return new FailStateReached(error, cause);
    }

    private static String text(JsonNode value, State state, String field) {
        if (!value.isTextual()) {
            throw StatesFailure.runtime(
                    "The %s of state '%s' must resolve to a string, got %s", field, state.name(), value);
        }
        return value.textValue();
    }

    JsonNode inputPath(State state, JsonNode raw, JsonNode context) {
        return state.common()
                .inputPath()
                .map(path -> JsonPaths.read(path, raw, context))
                .orElseGet(StatesJson::object);
    }

    private JsonNode parameters(State state, JsonNode effective, JsonNode context) {
        return state.common()
                .parameters()
                .map(template -> Templates.evaluate(template, effective, context))
                .orElse(effective);
    }

    private JsonNode resultSelector(State state, JsonNode result, JsonNode context) {
        return state.common()
                .resultSelector()
                .map(template -> Templates.evaluate(template, result, context))
                .orElse(result);
    }

    private static JsonNode resultPath(State state, JsonNode raw, JsonNode result) {
        return state.common()
                .resultPath()
                .map(path -> JsonPaths.write(path, raw, result))
                .orElse(raw);
    }

    private JsonNode outputPath(State state, JsonNode data, JsonNode context) {
        return state.common()
                .outputPath()
                .map(path -> JsonPaths.read(path, data, context))
                .orElseGet(StatesJson::object);
    }

    /** The context object as {@code state} sees it. */
    ObjectNode context(State state, Instant entered, int retryCount) {
        ObjectNode context = baseContext.deepCopy();
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("Name", state.name());
        stateNode.put("EnteredTime", Timestamps.format(entered));
        stateNode.put("RetryCount", retryCount);
        return context;
    }

    private void sleep(Duration duration) {
        try {
            engine.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionAborted();
        }
    }

    private static void checkSize(JsonNode output, String stateName) {
        int size = StatesJson.write(output).getBytes(StandardCharsets.UTF_8).length;
        if (size > PAYLOAD_LIMIT_BYTES) {
            throw new StatesFailure(
                    StatesError.DATA_LIMIT_EXCEEDED,
                    String.format(
                            "The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.",
                            stateName));
        }
    }

    static ObjectNode details(String name, String field, JsonNode value) {
        ObjectNode details = StatesJson.object();
        details.put("name", name);
        details.put(field, StatesJson.write(value));
        return details;
    }

    Execution execution() {
        return execution;
    }

    /** A Fail state ends its graph: not retried or caught by the state itself, only by an enclosing Parallel/Map. */
    static final class FailStateReached extends StatesFailure {
        FailStateReached(String error, String cause) {
            super(error, cause);
        }
    }
}
