package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Step Functions engine: loads (validates) state machines and runs executions of them.
 *
 * <pre>{@code
 * try (var engine = StepFunctions.builder().integrations(integrations).executionsDirectory(home.resolve("executions")).build()) {
 *     StateMachine machine = engine.load("pipeline", StatesJson.read(file), Map.of("TopicArn", "arn:aws:sns:local:000000000000:t"));
 *     Execution execution = engine.start(machine, "run-1", input);
 *     execution.await();
 * }
 * }</pre>
 */
public final class StepFunctions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StepFunctions.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+=.@()!'-]{1,80}");

    private final Engine engine;
    private final String account;
    private final Optional<Path> executionsDirectory;
    private final Map<String, StateMachine> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    private StepFunctions(Builder builder) {
        this.engine = new Engine(
                builder.integrations,
                Executors.newCachedThreadPool(daemonThreads("asl-worker")),
                builder.clock,
                builder.sleeper,
                builder.timer != null ? builder.timer : Timer.system(),
                builder.region);
        this.account = builder.account;
        this.executionsDirectory = Optional.ofNullable(builder.executionsDirectory);
    }

    public static Builder builder() {
        return new Builder();
    }

    public TaskIntegrations integrations() {
        return engine.integrations();
    }

    /** The problems of a definition (empty when it can run), each naming its state. */
    public List<String> validate(JsonNode definition) {
        return DefinitionParser.parse(definition, engine.integrations()::handles)
                .problems();
    }

    /**
     * Applies {@code substitutions} to the {@code ${...}} placeholders, validates the result and registers
     * the machine under {@code arn:aws:states:<region>:<account>:stateMachine:<name>}.
     *
     * @throws InvalidDefinitionException listing every problem, when the definition cannot run
     */
    public StateMachine load(String name, JsonNode definition, Map<String, String> substitutions) {
        checkName(name, "state machine name");
        JsonNode substituted = DefinitionSubstitutions.apply(name, definition, substitutions);
        DefinitionParser.Parsed parsed = DefinitionParser.parse(substituted, engine.integrations()::handles);
        if (!parsed.problems().isEmpty()) {
            throw new InvalidDefinitionException(name, parsed.problems());
        }
        var machine =
                new StateMachine(name, arn("stateMachine", name), substituted, parsed.graph(), parsed.timeoutSeconds());
        stateMachines.put(machine.arn(), machine);
        return machine;
    }

    /** A machine loaded earlier, by ARN (for {@code states:startExecution}). */
    public Optional<StateMachine> stateMachine(String arn) {
        return Optional.ofNullable(stateMachines.get(arn));
    }

    /** An execution started by this engine, by ARN. */
    public Optional<Execution> execution(String arn) {
        return Optional.ofNullable(executions.get(arn));
    }

    /** Starts an execution with a random name. */
    public Execution start(StateMachine machine, JsonNode input, ExecutionListener... listeners) {
        return start(machine, UUID.randomUUID().toString(), input, listeners);
    }

    /**
     * Starts an execution; it runs on a worker thread. History goes to
     * {@code <executionsDirectory>/<name>/history.jsonl} when a directory is configured, and
     * {@code execution.json} (DescribeExecution) is written at the start (RUNNING) and rewritten at the end.
     *
     * @throws ExecutionAlreadyExistsException when this engine or the directory already has an execution of that name
     */
    public Execution start(StateMachine machine, String name, JsonNode input, ExecutionListener... listeners) {
        checkName(name, "execution name");
        String arn = arn("execution", machine.name() + ":" + name);
        Optional<Path> directory = executionsDirectory.map(root -> root.resolve(name));
        if (executions.containsKey(arn) || directory.filter(Files::exists).isPresent()) {
            throw new ExecutionAlreadyExistsException(arn, directory);
        }
        Instant startDate = engine.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        var history = new ExecutionHistory(engine.clock(), List.of(listeners), directory);
        var execution = new Execution(arn, name, machine, input, startDate, history);
        history.attach(execution);
        executions.put(arn, execution);
        ObjectNode started = StatesJson.object();
        started.put("input", StatesJson.write(input));
        started.put("roleArn", "arn:aws:iam::" + account + ":role/local-step-functions");
        history.add("ExecutionStarted", started);
        directory.ifPresent(path -> writeDescription(path, execution));
        var interpreter = new Interpreter(engine, execution, history, baseContext(execution));
        // Scheduled before the run starts, so no state can outrun it on a manual timer.
        machine.timeoutSeconds()
                .ifPresent(seconds -> engine.timer()
                        .schedule(() -> execution.requestStop(ExecutionStatus.TIMED_OUT), Duration.ofSeconds(seconds)));
        engine.workers().submit(() -> runToEnd(execution, interpreter, history));
        return execution;
    }

    /** Starts an execution and waits for it to end. */
    public Execution run(StateMachine machine, String name, JsonNode input, ExecutionListener... listeners)
            throws InterruptedException {
        Execution execution = start(machine, name, input, listeners);
        execution.await();
        return execution;
    }

    private void runToEnd(Execution execution, Interpreter interpreter, ExecutionHistory history) {
        execution.runsOn(Thread.currentThread());
        ExecutionStatus status;
        JsonNode output = null;
        String error = null;
        String cause = null;
        try {
            output = interpreter.run(execution.stateMachine().graph(), execution.input());
            status = ExecutionStatus.SUCCEEDED;
        } catch (StatesFailure failure) {
            status = ExecutionStatus.FAILED;
            error = failure.error();
            cause = failure.cause();
        } catch (ExecutionAborted aborted) {
            status = execution.stopRequest().orElse(ExecutionStatus.ABORTED);
        } catch (RuntimeException e) {
            LOG.error("Execution {} failed on an internal error", execution.arn(), e);
            status = ExecutionStatus.FAILED;
            error = StatesError.RUNTIME.errorName();
            cause = "Internal error of the local runtime: " + e;
        }
        if (execution.stopRequest().isPresent() && status != ExecutionStatus.SUCCEEDED) {
            status = execution.stopRequest().get();
            if (status == ExecutionStatus.TIMED_OUT) {
                error = StatesError.TIMEOUT.errorName();
                cause = null;
            }
        }
        execution.runEnded();
        finish(execution, history, status, output, error, cause);
    }

    private void finish(
            Execution execution,
            ExecutionHistory history,
            ExecutionStatus status,
            JsonNode output,
            String error,
            String cause) {
        ObjectNode details = StatesJson.object();
        if (output != null) {
            details.put("output", StatesJson.write(output));
        }
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        try {
            history.add(
                    switch (status) {
                        case SUCCEEDED -> "ExecutionSucceeded";
                        case TIMED_OUT -> "ExecutionTimedOut";
                        case ABORTED -> "ExecutionAborted";
                        default -> "ExecutionFailed";
                    },
                    details);
            execution.finish(status, output, error, cause, engine.clock().instant());
            executionsDirectory.ifPresent(root -> writeDescription(root.resolve(execution.name()), execution));
        } finally {
            execution.finish(status, output, error, cause, engine.clock().instant());
            history.close();
            execution.release();
            history.finished();
        }
    }

    private static void writeDescription(Path directory, Execution execution) {
        try {
            Files.writeString(directory.resolve("execution.json"), StatesJson.writePretty(execution.describe()));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the description of " + execution.arn(), e);
        }
    }

    private ObjectNode baseContext(Execution execution) {
        ObjectNode context = StatesJson.object();
        ObjectNode executionNode = context.putObject("Execution");
        executionNode.put("Id", execution.arn());
        executionNode.set("Input", execution.input());
        executionNode.put("Name", execution.name());
        executionNode.put("RoleArn", "arn:aws:iam::" + account + ":role/local-step-functions");
        executionNode.put("StartTime", Timestamps.format(execution.startDate()));
        executionNode.put("RedriveCount", 0);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", execution.stateMachine().arn());
        machine.put("Name", execution.stateMachine().name());
        return context;
    }

    private String arn(String resourceType, String name) {
        return "arn:aws:states:" + engine.region() + ":" + account + ":" + resourceType + ":" + name;
    }

    private static void checkName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid " + what + ": '" + name + "' (1-80 characters of letters, digits and _+=.@()!'-)");
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops running executions (ABORTED) and the worker threads. */
    @Override
    public void close() {
        new ArrayList<>(executions.values()).forEach(Execution::stop);
        engine.timer().close();
        engine.workers().shutdownNow();
    }

    /** Optional settings; each default is stated on its setter. */
    public static final class Builder {
        private TaskIntegrations integrations = new TaskIntegrations();
        private Path executionsDirectory;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private Timer timer;
        private String region = "local";
        private String account = "000000000000";

        /** Where Task states go; default: an empty registry (only Pass/Choice/... machines run). */
        public Builder integrations(TaskIntegrations integrations) {
            this.integrations = requireNonNull(integrations, "integrations is null");
            return this;
        }

        /** Where histories are written ({@code $LAKEPIPE_HOME/executions}); default: none, in memory only. */
        public Builder executionsDirectory(Path executionsDirectory) {
            this.executionsDirectory = requireNonNull(executionsDirectory, "executionsDirectory is null");
            return this;
        }

        /** Timestamps and Wait Timestamp arithmetic; default: the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** Wait states and Retry intervals; default: {@link Sleeper#REAL}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = requireNonNull(sleeper, "sleeper is null");
            return this;
        }

        /** Task timeouts, heartbeats and execution timeouts; default: {@link Timer#system()}, closed with the engine. */
        public Builder timer(Timer timer) {
            this.timer = requireNonNull(timer, "timer is null");
            return this;
        }

        /** ARN region; default {@code local}. */
        public Builder region(String region) {
            this.region = requireNonNull(region, "region is null");
            return this;
        }

        /** ARN account; default {@code 000000000000}. */
        public Builder account(String account) {
            this.account = requireNonNull(account, "account is null");
            return this;
        }

        public StepFunctions build() {
            return new StepFunctions(this);
        }
    }
}
